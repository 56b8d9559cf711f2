import { Anchor, Group, Pagination, Stack, Table, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { endpoints } from '../../api/endpoints.ts';
import type { GrantState, GrantView, Page } from '../../api/types.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { useSession } from '../../auth/session-context.tsx';
import type { Role } from '../../auth/session.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { GrantStateBadge } from '../../components/badges.tsx';
import { formatDateTime } from '../../format.ts';
import { servicePath } from '../services/services-page.tsx';

const PAGE_SIZE = 50;
type Tab = GrantState | 'all';

/** What each role has to act on first: providers approve requests, operators activate approvals. */
const FIRST_TAB: Readonly<Record<Role, Tab>> = { operator: 'approved', provider_admin: 'requested', consumer_admin: 'all' };
const TABS: readonly Tab[] = ['requested', 'approved', 'active', 'rejected', 'revoked', 'all'];

/** The grants inbox: requests to approve, approvals to activate, and everything else, newest first. */
export function GrantsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('state') as Tab | null) ?? FIRST_TAB[session?.user.role ?? 'consumer_admin'];
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useApiGet<Page<GrantView>>(endpoints.grants, { state: tab === 'all' ? undefined : tab, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, { refreshMs: 15_000 });

  return (
    <>
      <PageHeader title={t('grants.heading')} description={t('grants.intro')} />
      <Tabs value={tab} onChange={(v) => setParams(v === null ? {} : { state: v }, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((s) => <Tabs.Tab key={s} value={s}>{t(`grants.tab.${s}`)}</Tabs.Tab>)}
        </Tabs.List>
      </Tabs>
      <Stack gap="sm">
        {list.error !== undefined && <ProblemAlert error={list.error} />}
        {list.loading && list.data === undefined ? <Loading /> : list.data?.items.length === 0 ? <Text c="dimmed">{t('grants.empty')}</Text> : (
          <>
            <Table.ScrollContainer minWidth={860}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('grants.consumer')}</Table.Th>
                    <Table.Th scope="col">{t('grants.service')}</Table.Th>
                    <Table.Th scope="col">{t('grants.purposes')}</Table.Th>
                    <Table.Th scope="col">{t('grants.fieldsShort')}</Table.Th>
                    <Table.Th scope="col">{t('common.status')}</Table.Th>
                    <Table.Th scope="col">{t('grants.updated')}</Table.Th>
                    <Table.Th scope="col"><span className="visually-hidden">{t('common.details')}</span></Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data?.items.map((g) => (
                    <Table.Tr key={g.id} data-grant-id={g.id}>
                      <Table.Td className="mono">{g.consumer_id}</Table.Td>
                      <Table.Td><Anchor component={Link} to={servicePath(g.service_id)} className="mono">{g.service_id}</Anchor></Table.Td>
                      <Table.Td>{g.purposes.join(', ')}</Table.Td>
                      <Table.Td>{g.fields.length}</Table.Td>
                      <Table.Td><GrantStateBadge value={g.state} /></Table.Td>
                      <Table.Td>{formatDateTime(g.updated_at)}</Table.Td>
                      <Table.Td><Anchor component={Link} to={`/grants/${encodeURIComponent(g.id)}`} aria-label={t('grants.openGrant', { consumer: g.consumer_id, service: g.service_id })}>{t('common.details')}</Anchor></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between">
              <Text size="sm">{t('common.total', { count: list.data?.total ?? 0 })}</Text>
              {(list.data?.total ?? 0) > PAGE_SIZE && (
                <Pagination total={Math.ceil((list.data?.total ?? 0) / PAGE_SIZE)} value={page} onChange={(p) => setParams({ state: tab, page: String(p) }, { replace: true })} getControlProps={(c) => ({ 'aria-label': t(`pagination.${c}`) })} getItemProps={(p) => ({ 'aria-label': t('pagination.page', { page: p }) })} />
              )}
            </Group>
          </>
        )}
      </Stack>
    </>
  );
}
