import type { ReactNode } from 'react';
import { Anchor, Badge, Button, Card, Code, Group, List, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { endpoints } from '../../api/endpoints.ts';
import type { ServiceView } from '../../api/types.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { useSession } from '../../auth/session-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { DataClassBadge, ServiceStatusBadge } from '../../components/badges.tsx';
import { OpenapiView } from '../../components/openapi-view.tsx';
import type { Json } from '../../components/openapi-model.ts';
import { formatNumber } from '../../format.ts';
import { RequestGrantForm } from '../grants/request-grant-form.tsx';

/** One catalogue entry: what it returns (fields), its data class, legal bases and OpenAPI contract. */
export function ServicePage() {
  const { t, i18n } = useTranslation();
  const { member = '', subsystem = '', service = '', version = '' } = useParams();
  const id = `${member}/${subsystem}/${service}/${version}`;
  const { session } = useSession();
  const svc = useApiGet<ServiceView>(endpoints.service(id));
  const doc = useApiGet<Json>(endpoints.serviceOpenapi(id));
  const [opened, { open, close }] = useDisclosure(false);
  const mayRequest = session?.user.role === 'operator' || session?.user.role === 'consumer_admin';
  const s = svc.data;
  const title = s === undefined ? id : i18n.language === 'en' && s.title_en !== null ? s.title_en : s.title;

  return (
    <>
      <Anchor component={Link} to="/services" size="sm">← {t('services.heading')}</Anchor>
      <PageHeader title={title} description={<span className="mono">{id}</span>} actions={mayRequest && s?.status === 'active' ? <Button onClick={open}>{t('grants.request')}</Button> : undefined} />
      {svc.error !== undefined && <ProblemAlert error={svc.error} />}
      {s === undefined ? (svc.loading ? <Loading /> : null) : (
        <Stack gap="lg">
          {s.description !== null && <Text>{s.description}</Text>}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <Fact label={t('services.dataClass')}><DataClassBadge value={s.data_class} /><Text size="xs" mt={4}>{t(`dataClassHelp.${s.data_class}`)}</Text></Fact>
            <Fact label={t('common.status')}><ServiceStatusBadge value={s.status} /></Fact>
            <Fact label={t('services.provider')}><Anchor component={Link} to={`/members/${encodeURIComponent(s.member_code)}`} className="mono">{s.subsystem_id}</Anchor></Fact>
            <Fact label={t('services.limits')}><Text size="sm">{t('services.timeout', { ms: formatNumber(s.timeout_ms) })}</Text><Text size="sm">{t('services.maxRequest', { bytes: formatNumber(s.max_request_bytes) })}</Text></Fact>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={2} size="h4" mb="xs">{t('services.fields')}</Title>
              <Text size="sm" c="dimmed" mb="xs">{t('services.fieldsHelp')}</Text>
              <List size="sm" spacing={2}>
                {s.fields.map((f) => <List.Item key={f}><Code>{f}</Code></List.Item>)}
              </List>
            </Card>
            <Stack gap="md">
              <Card withBorder>
                <Title order={2} size="h4" mb="xs">{t('services.legalBases')}</Title>
                {s.legal_bases.length === 0 ? <Text size="sm" c="dimmed">{t('common.none')}</Text> : (
                  <List size="sm" spacing={2}>{s.legal_bases.map((b) => <List.Item key={b}>{b}</List.Item>)}</List>
                )}
              </Card>
              <Card withBorder>
                <Title order={2} size="h4" mb="xs">{t('services.subject')}</Title>
                {s.subject_locator === null ? <Text size="sm" c="dimmed">{t('services.noSubject')}</Text> : (
                  <Group gap="xs"><Badge variant="outline">{s.subject_locator.in}</Badge><Code>{'name' in s.subject_locator ? s.subject_locator.name : s.subject_locator.pointer}</Code></Group>
                )}
                <Text size="xs" mt={4}>{t('services.subjectHelp')}</Text>
              </Card>
            </Stack>
          </SimpleGrid>
          <div>
            <Title order={2} size="h3" mb="xs">{t('services.contract')}</Title>
            {doc.error !== undefined && <ProblemAlert error={doc.error} />}
            {doc.data === undefined ? (doc.loading ? <Loading /> : null) : <OpenapiView doc={doc.data} fields={s.fields} />}
          </div>
        </Stack>
      )}
      {s !== undefined && (
        <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={close} title={t('grants.requestFor', { id })} size="xl" centered>
          <RequestGrantForm service={s} onDone={close} />
        </Modal>
      )}
    </>
  );
}

function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>{label}</Text>
      {children}
    </Card>
  );
}
