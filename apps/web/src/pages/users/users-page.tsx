import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, Modal, PasswordInput, Select, Stack, Table, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints.ts';
import type { MemberView, UserView } from '../../api/types.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { useApi } from '../../auth/session-context.tsx';
import { ROLES, type Role } from '../../auth/session.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { formatDateTime } from '../../format.ts';
import { useAction } from '../../api/use-action.ts';

const USERNAME = /^[a-z0-9._-]{3,64}$/;
/** The hub asks for at least 12 characters (NIST SP 800-63B §5.1.1 allows long passphrases). */
const MIN_PASSWORD = 12;

/** Control-plane users (operator only): who may sign in, with which role, for which member. */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useApiGet<{ items: UserView[] }>(endpoints.users);
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <PageHeader title={t('users.heading')} description={t('users.intro')} actions={<Button onClick={open}>{t('users.add')}</Button>} />
      {users.error !== undefined && <ProblemAlert error={users.error} />}
      {users.loading && users.data === undefined ? <Loading /> : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('login.username')}</Table.Th>
                <Table.Th scope="col">{t('users.displayName')}</Table.Th>
                <Table.Th scope="col">{t('users.role')}</Table.Th>
                <Table.Th scope="col">{t('users.member')}</Table.Th>
                <Table.Th scope="col">{t('common.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(users.data?.items ?? []).map((u) => (
                <Table.Tr key={u.username}>
                  <Table.Td className="mono">{u.username}</Table.Td>
                  <Table.Td>{u.display_name}</Table.Td>
                  <Table.Td><Badge variant="light">{t(`roles.${u.role}`)}</Badge></Table.Td>
                  <Table.Td>{u.member_code ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(u.created_at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={close} title={t('users.add')} centered>
        <NewUserForm onDone={() => { close(); users.reload(); }} />
      </Modal>
    </>
  );
}

function NewUserForm({ onDone }: { readonly onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const members = useApiGet<{ items: MemberView[] }>(endpoints.members);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('consumer_admin');
  const [member, setMember] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const needsMember = role !== 'operator';
  const ready = USERNAME.test(username) && displayName.trim() !== '' && password.length >= MIN_PASSWORD && (!needsMember || member !== null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready) return;
    await run(async () => {
      await api.post(endpoints.users, { username, display_name: displayName.trim(), role, member_code: needsMember ? member : null, password });
      onDone();
    });
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {error !== undefined && <ProblemAlert error={error} />}
        <TextInput label={t('login.username')} description={t('users.usernameRule')} required value={username} onChange={(e) => setUsername(e.currentTarget.value.toLowerCase())} error={username !== '' && !USERNAME.test(username) ? t('users.usernameRule') : undefined} data-autofocus autoComplete="off" />
        <TextInput label={t('users.displayName')} required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
        <Select label={t('users.role')} required data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} value={role} onChange={(v) => setRole((v as Role | null) ?? 'consumer_admin')} allowDeselect={false} />
        {needsMember && <Select label={t('users.member')} required searchable data={(members.data?.items ?? []).map((m) => ({ value: m.code, label: `${m.code} · ${m.name}` }))} value={member} onChange={setMember} />}
        <PasswordInput label={t('login.password')} description={t('users.passwordRule', { n: MIN_PASSWORD })} required value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="new-password" error={password !== '' && password.length < MIN_PASSWORD ? t('users.passwordRule', { n: MIN_PASSWORD }) : undefined} visibilityToggleButtonProps={{ 'aria-label': t('login.togglePassword') }} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={!ready}>{t('common.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
