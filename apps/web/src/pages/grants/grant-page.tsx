import { useState } from 'react';
import { Anchor, Button, Card, Code, Group, Modal, SimpleGrid, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { endpoints } from '../../api/endpoints.ts';
import type { GrantAction, GrantDetail } from '../../api/types.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { useApi, useSession } from '../../auth/session-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { ConfirmAction } from '../../components/confirm-action.tsx';
import { GrantStateBadge } from '../../components/badges.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';
import { servicePath } from '../services/services-page.tsx';
import { FieldDiffTable } from './field-diff-table.tsx';
import { allowedActions } from './allowed-actions.ts';
import { useAction } from '../../api/use-action.ts';

export function GrantPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { session } = useSession();
  const api = useApi();
  const grant = useApiGet<GrantDetail>(endpoints.grant(id));
  const g = grant.data;
  const actions = g === undefined || session === undefined ? [] : allowedActions(session.user, g);
  const act = async (action: GrantAction, body: Record<string, string>) => {
    await api.post(endpoints.grantAction(id, action), body);
    grant.reload();
  };

  return (
    <>
      <Anchor component={Link} to="/grants" size="sm">← {t('grants.heading')}</Anchor>
      <PageHeader
        title={t('grants.detailHeading')}
        description={g === undefined ? undefined : <><span className="mono">{g.consumer_id}</span> → <span className="mono">{g.service_id}</span></>}
        actions={g === undefined ? undefined : (
          <Group gap="xs" data-testid="grant-actions">
            {actions.includes('approve') && <ConfirmAction label={t('grants.action.approve')} title={t('grants.confirm.approveTitle')} message={t('grants.confirm.approve', { consumer: g.consumer_id, count: g.fields.length })} withNote onConfirm={(note) => act('approve', note === undefined ? {} : { note })} size="sm" />}
            {actions.includes('activate') && <ConfirmAction label={t('grants.action.activate')} title={t('grants.confirm.activateTitle')} message={t('grants.confirm.activate', { consumer: g.consumer_id, service: g.service_id })} withNote onConfirm={(note) => act('activate', note === undefined ? {} : { note })} size="sm" color="green" />}
            {actions.includes('reject') && <RejectAction onReject={(reason) => act('reject', { reason })} />}
            {actions.includes('revoke') && <ConfirmAction label={t('grants.action.revoke')} title={t('grants.confirm.revokeTitle')} message={t('grants.confirm.revoke', { consumer: g.consumer_id, service: g.service_id })} withNote onConfirm={(note) => act('revoke', note === undefined ? {} : { note })} size="sm" color="red" variant="outline" />}
          </Group>
        )}
      />
      {grant.error !== undefined && <ProblemAlert error={grant.error} />}
      {g === undefined ? (grant.loading ? <Loading /> : null) : (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <Card withBorder padding="sm"><Text size="xs" fw={600} c="dimmed" tt="uppercase">{t('common.status')}</Text><GrantStateBadge value={g.state} /></Card>
            <Card withBorder padding="sm"><Text size="xs" fw={600} c="dimmed" tt="uppercase">{t('grants.validity')}</Text><Text size="sm">{formatDateTime(g.valid_from)} – {formatDateTime(g.valid_until)}</Text></Card>
            <Card withBorder padding="sm"><Text size="xs" fw={600} c="dimmed" tt="uppercase">{t('grants.quota')}</Text><Text size="sm">{t('grants.perMinute', { n: formatNumber(g.quota_per_minute) })}</Text></Card>
            <Card withBorder padding="sm"><Text size="xs" fw={600} c="dimmed" tt="uppercase">{t('grants.purposes')}</Text><Group gap={4}>{g.purposes.map((p) => <Code key={p}>{p}</Code>)}</Group></Card>
          </SimpleGrid>
          <Card withBorder padding="sm">
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">{t('grants.legalBasis')}</Text>
            <Text size="sm">{g.legal_basis}</Text>
            <Text size="sm" mt="xs">{t('grants.service')}: <Anchor component={Link} to={servicePath(g.service_id)} className="mono">{g.service_id}</Anchor></Text>
          </Card>
          <div>
            <Title order={2} size="h3" mb={4}>{t('grants.diffHeading')}</Title>
            <Text size="sm" c="dimmed" mb="xs">{t('grants.diffHelp', { asked: g.field_diff.granted.length, total: g.field_diff.service_fields.length })}</Text>
            <FieldDiffTable diff={g.field_diff} asked={g.fields} />
          </div>
          <div>
            <Title order={2} size="h3" mb="xs">{t('grants.history')}</Title>
            <Timeline active={g.events.length - 1} bulletSize={14} lineWidth={2} data-testid="grant-history">
              {g.events.map((e, i) => (
                <Timeline.Item key={i} title={t(`grants.event.${e.action}`)}>
                  <Text size="sm">{t('grants.eventBy', { actor: e.actor, role: t(`roles.${e.actor_role as 'operator'}`, { defaultValue: e.actor_role }) })}</Text>
                  <Text size="xs">{formatDateTime(e.at)}</Text>
                  {e.note !== null && <Text size="sm" fs="italic">“{e.note}”</Text>}
                </Timeline.Item>
              ))}
            </Timeline>
          </div>
        </Stack>
      )}
    </>
  );
}

/** Rejecting needs a reason: the consumer is told why (the hub requires it). */
function RejectAction({ onReject }: { readonly onReject: (reason: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  return (
    <>
      <Button size="sm" variant="outline" color="orange" onClick={open}>{t('grants.action.reject')}</Button>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={close} title={t('grants.confirm.rejectTitle')} centered>
        <Stack gap="sm">
          <Textarea label={t('grants.rejectReason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={2000} autosize minRows={3} data-autofocus />
          {error !== undefined && <ProblemAlert error={error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={busy}>{t('common.cancel')}</Button>
            <Button
              color="orange"
              loading={busy}
              disabled={reason.trim() === ''}
              onClick={() => {
                void run(() => onReject(reason.trim())).then((ok) => ok && close());
              }}
            >
              {t('grants.action.reject')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
