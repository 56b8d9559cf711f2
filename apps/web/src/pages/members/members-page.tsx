import { useState, type FormEvent } from 'react';
import { Anchor, Button, Group, Modal, Stack, Table, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { endpoints } from '../../api/endpoints.ts';
import type { MemberView } from '../../api/types.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { useApi, useSession } from '../../auth/session-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { formatDateTime } from '../../format.ts';
import { useAction } from '../../api/use-action.ts';

/** Member code rule of the hub (migration 0001): agency e-identifier codes such as BCA or 000.00.00.G12. */
const MEMBER_CODE = /^[A-Z0-9][A-Z0-9.]{1,31}$/;

/** Members (agencies). Operators see and onboard all; an admin goes straight to their own member. */
export function MembersPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const isOperator = session?.user.role === 'operator';
  const list = useApiGet<{ items: MemberView[] }>(isOperator ? endpoints.members : undefined);
  const [opened, { open, close }] = useDisclosure(false);

  if (!isOperator && session?.user.member_code) return <Navigate to={`/members/${encodeURIComponent(session.user.member_code)}`} replace />;

  return (
    <>
      <PageHeader title={t('members.heading')} description={t('members.intro')} actions={<Button onClick={open}>{t('members.add')}</Button>} />
      {list.error !== undefined && <ProblemAlert error={list.error} />}
      {list.loading && list.data === undefined ? <Loading /> : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover captionSide="top">
            <Table.Caption>{t('common.total', { count: list.data?.items.length ?? 0 })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('common.code')}</Table.Th>
                <Table.Th scope="col">{t('common.name')}</Table.Th>
                <Table.Th scope="col">{t('members.subsystemCount')}</Table.Th>
                <Table.Th scope="col">{t('common.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data?.items ?? []).map((m) => (
                <Table.Tr key={m.code}>
                  <Table.Td><Anchor component={Link} to={`/members/${encodeURIComponent(m.code)}`} fw={600}>{m.code}</Anchor></Table.Td>
                  <Table.Td>{i18n.language === 'en' && m.name_en !== null ? m.name_en : m.name}</Table.Td>
                  <Table.Td>{m.subsystem_count}</Table.Td>
                  <Table.Td>{formatDateTime(m.created_at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={close} title={t('members.add')} centered>
        <NewMemberForm onDone={() => { close(); list.reload(); }} />
      </Modal>
    </>
  );
}

function NewMemberForm({ onDone }: { readonly onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [nameEn, setNameEn] = useState('');
  const { busy, error, run } = useAction();
  const codeError = code !== '' && !MEMBER_CODE.test(code) ? t('members.codeRule') : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!MEMBER_CODE.test(code) || name.trim() === '') return;
    await run(async () => {
      await api.post(endpoints.members, { code, name: name.trim(), ...(nameEn.trim() === '' ? {} : { name_en: nameEn.trim() }) });
      onDone();
    });
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {error !== undefined && <ProblemAlert error={error} />}
        <TextInput label={t('members.code')} description={t('members.codeRule')} required value={code} onChange={(e) => setCode(e.currentTarget.value.toUpperCase())} error={codeError} data-autofocus />
        <TextInput label={t('members.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <TextInput label={t('members.nameEn')} value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={!MEMBER_CODE.test(code) || name.trim() === ''}>{t('common.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
