import { useState, type FormEvent } from 'react';
import { Badge, Button, Code, Group, Modal, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints.ts';
import type { KeyView } from '../../api/types.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { useApi } from '../../auth/session-context.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { ConfirmAction } from '../../components/confirm-action.tsx';
import { formatDateTime } from '../../format.ts';
import { useAction } from '../../api/use-action.ts';

const STATE_COLOR = { active: 'green', pending: 'blue', expired: 'gray' } as const;

/** Overlap choices for retiring the old key after a rotation (hours). */
const OVERLAPS = ['0', '1', '24', '168'] as const;

/**
 * A subsystem's public keys. Rotation with overlap (hub contract): register the new key, move the
 * clients to it, and retire the old one now or after an overlap during which both are accepted.
 */
export function SubsystemKeys({ member, subsystem, mayManage }: { readonly member: string; readonly subsystem: string; readonly mayManage: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const keys = useApiGet<{ items: KeyView[] }>(endpoints.keys(member, subsystem));
  const [opened, { open, close }] = useDisclosure(false);
  const [overlap, setOverlap] = useState<string>('24');

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5">{t('keys.heading')}</Title>
        {mayManage && <Button size="xs" variant="light" onClick={open}>{t('keys.register')}</Button>}
      </Group>
      {keys.error !== undefined && <ProblemAlert error={keys.error} />}
      {keys.loading && keys.data === undefined ? <Loading /> : keys.data?.items.length === 0 ? <Text size="sm" c="dimmed">{t('keys.none')}</Text> : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">kid</Table.Th>
                <Table.Th scope="col">{t('keys.alg')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
                <Table.Th scope="col">{t('keys.notBefore')}</Table.Th>
                <Table.Th scope="col">{t('keys.notAfter')}</Table.Th>
                {mayManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(keys.data?.items ?? []).map((k) => (
                <Table.Tr key={k.kid}>
                  <Table.Td><Code>{k.kid}</Code></Table.Td>
                  <Table.Td>{k.alg}</Table.Td>
                  <Table.Td><Badge color={STATE_COLOR[k.state]} variant="light">{t(`keys.state.${k.state}`)}</Badge></Table.Td>
                  <Table.Td>{formatDateTime(k.not_before)}</Table.Td>
                  <Table.Td>{k.not_after === null ? t('keys.noEnd') : formatDateTime(k.not_after)}</Table.Td>
                  {mayManage && (
                    <Table.Td>
                      {k.state !== 'expired' && (
                        <ConfirmAction
                          label={t('keys.retire')}
                          title={t('keys.retireTitle', { kid: k.kid })}
                          color="red"
                          variant="light"
                          message={
                            <Stack gap="xs">
                              <Text size="sm">{t('keys.retireConfirm')}</Text>
                              <Select label={t('keys.overlap')} data={OVERLAPS.map((h) => ({ value: h, label: t(`keys.overlapHours.${h}`) }))} value={overlap} onChange={(v) => setOverlap(v ?? '0')} allowDeselect={false} comboboxProps={{ withinPortal: false }} />
                            </Stack>
                          }
                          onConfirm={async () => {
                            const hours = Number(overlap);
                            await api.post(endpoints.retireKey(member, subsystem, k.kid), hours === 0 ? {} : { not_after: new Date(Date.now() + hours * 3_600_000).toISOString() });
                            keys.reload();
                          }}
                        />
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={close} title={t('keys.register')} centered size="lg">
        <RegisterKeyForm member={member} subsystem={subsystem} onDone={() => { close(); keys.reload(); }} />
      </Modal>
    </Stack>
  );
}

/** The key is pasted as a public JWK (RFC 7517); the hub checks it and refuses private members. */
function RegisterKeyForm({ member, subsystem, onDone }: { readonly member: string; readonly subsystem: string; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [jwk, setJwk] = useState('');
  const [notBefore, setNotBefore] = useState('');
  const [notAfter, setNotAfter] = useState('');
  const { busy, error, run } = useAction();
  let parsed: Record<string, unknown> | undefined;
  let parseError: string | undefined;
  if (jwk.trim() !== '') {
    try {
      const v: unknown = JSON.parse(jwk);
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) parsed = v as Record<string, unknown>;
      else parseError = t('keys.jwkNotObject');
    } catch {
      parseError = t('keys.jwkNotJson');
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (parsed === undefined) return;
    await run(async () => {
      await api.post(endpoints.keys(member, subsystem), {
        jwk: parsed,
        ...(notBefore === '' ? {} : { not_before: new Date(notBefore).toISOString() }),
        ...(notAfter === '' ? {} : { not_after: new Date(notAfter).toISOString() }),
      });
      onDone();
    });
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {error !== undefined && <ProblemAlert error={error} />}
        <Textarea label={t('keys.jwk')} description={t('keys.jwkHelp')} required autosize minRows={6} maxRows={14} value={jwk} onChange={(e) => setJwk(e.currentTarget.value)} error={parseError} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} data-autofocus />
        <Group grow>
          <TextInput type="datetime-local" label={t('keys.notBefore')} description={t('common.optional')} value={notBefore} onChange={(e) => setNotBefore(e.currentTarget.value)} />
          <TextInput type="datetime-local" label={t('keys.notAfter')} description={t('common.optional')} value={notAfter} onChange={(e) => setNotAfter(e.currentTarget.value)} />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={parsed === undefined}>{t('keys.register')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
