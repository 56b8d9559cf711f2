import { useState, type FormEvent } from 'react';
import { Accordion, Anchor, Badge, Button, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { endpoints } from '../../api/endpoints.ts';
import type { MemberView, SubsystemView } from '../../api/types.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { useApi, useSession } from '../../auth/session-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { ConfirmAction } from '../../components/confirm-action.tsx';
import { SubsystemKeys } from './subsystem-keys.tsx';
import { useAction } from '../../api/use-action.ts';

const LOCAL_CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** One member: its subsystems and, under each, the keys it signs with. */
export function MemberPage() {
  const { t, i18n } = useTranslation();
  const { member = '' } = useParams();
  const { session } = useSession();
  const info = useApiGet<MemberView>(endpoints.member(member));
  const subs = useApiGet<{ items: SubsystemView[] }>(endpoints.subsystems, { member });
  const [opened, { open, close }] = useDisclosure(false);
  const api = useApi();
  const name = info.data === undefined ? member : i18n.language === 'en' && info.data.name_en !== null ? info.data.name_en : info.data.name;
  // Operators and the member's own admins manage its subsystems (hub contract, "Roles").
  const mayManage = session?.user.role === 'operator' || session?.user.member_code === member;

  return (
    <>
      {session?.user.role === 'operator' && <Anchor component={Link} to="/members" size="sm">← {t('members.heading')}</Anchor>}
      <PageHeader title={`${member} · ${name}`} description={t('members.memberIntro')} actions={mayManage ? <Button onClick={open}>{t('subsystems.add')}</Button> : undefined} />
      {info.error !== undefined && <ProblemAlert error={info.error} />}
      {subs.error !== undefined && <ProblemAlert error={subs.error} />}
      <Title order={2} size="h3" mb="xs">{t('subsystems.heading')}</Title>
      {subs.loading && subs.data === undefined ? <Loading /> : subs.data?.items.length === 0 ? <Text c="dimmed">{t('subsystems.none')}</Text> : (
        <Accordion variant="separated" multiple>
          {(subs.data?.items ?? []).map((s) => (
            <Accordion.Item key={s.id} value={s.id}>
              <Accordion.Control>
                <Group gap="sm" wrap="wrap">
                  <Text fw={600} className="mono">{s.id}</Text>
                  <Text size="sm">{s.name}</Text>
                  <Badge color={s.status === 'active' ? 'green' : 'gray'} variant="light">{t(`subsystems.status.${s.status}`)}</Badge>
                  {s.base_url !== null && <Badge variant="outline">{t('subsystems.provider')}</Badge>}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  <Text size="sm">{t('subsystems.baseUrl')}: {s.base_url === null ? t('subsystems.noBaseUrl') : <span className="mono">{s.base_url}</span>}</Text>
                  {mayManage && (
                    <Group gap="xs">
                      <ConfirmAction
                        label={s.status === 'active' ? t('subsystems.disable') : t('subsystems.enable')}
                        title={s.status === 'active' ? t('subsystems.disable') : t('subsystems.enable')}
                        message={s.status === 'active' ? t('subsystems.disableConfirm', { id: s.id }) : t('subsystems.enableConfirm', { id: s.id })}
                        color={s.status === 'active' ? 'red' : undefined}
                        variant="light"
                        onConfirm={async () => {
                          await api.request(endpoints.subsystem(member, s.code), { method: 'PATCH', body: { status: s.status === 'active' ? 'disabled' : 'active' } });
                          subs.reload();
                        }}
                      />
                    </Group>
                  )}
                  <SubsystemKeys member={member} subsystem={s.code} mayManage={mayManage} />
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={close} title={t('subsystems.add')} centered>
        <NewSubsystemForm member={member} onDone={() => { close(); subs.reload(); info.reload(); }} />
      </Modal>
    </>
  );
}

function NewSubsystemForm({ member, onDone }: { readonly member: string; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const { busy, error, run } = useAction();
  const codeError = code !== '' && !LOCAL_CODE.test(code) ? t('subsystems.codeRule') : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!LOCAL_CODE.test(code) || name.trim() === '') return;
    await run(async () => {
      await api.post(endpoints.memberSubsystems(member), { code, name: name.trim(), ...(baseUrl.trim() === '' ? {} : { base_url: baseUrl.trim() }) });
      onDone();
    });
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {error !== undefined && <ProblemAlert error={error} />}
        <TextInput label={t('subsystems.code')} description={t('subsystems.codeRule')} required value={code} onChange={(e) => setCode(e.currentTarget.value.toLowerCase())} error={codeError} data-autofocus />
        <TextInput label={t('common.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <TextInput label={t('subsystems.baseUrl')} description={t('subsystems.baseUrlHelp')} type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.currentTarget.value)} placeholder="https://" />
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={!LOCAL_CODE.test(code) || name.trim() === ''}>{t('common.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
