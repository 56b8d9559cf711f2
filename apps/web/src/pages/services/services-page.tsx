import { useState } from 'react';
import { Anchor, Group, Pagination, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { endpoints } from '../../api/endpoints.ts';
import type { DataClass, Page, ServiceView } from '../../api/types.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { DataClassBadge, ServiceStatusBadge } from '../../components/badges.tsx';

const PAGE_SIZE = 25;

/** Path of a service's page in the console. */
export const servicePath = (id: string): string => `/services/${id.split('/').map(encodeURIComponent).join('/')}`;

/** The catalogue: search by words (diacritics ignored by the hub), filter by data class. */
export function ServicesPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 250);
  const dataClass = params.get('data_class') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useApiGet<Page<ServiceView>>(endpoints.services, { q: debounced.trim() === '' ? undefined : debounced.trim(), data_class: dataClass === '' ? undefined : dataClass, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v === '') next.delete(k);
    else next.set(k, v);
    if (k !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('services.heading')} description={t('services.intro')} />
      <Stack gap="md">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            type="search"
            label={t('services.search')}
            description={t('services.searchHelp')}
            value={q}
            onChange={(e) => { setQ(e.currentTarget.value); set('q', e.currentTarget.value); }}
            w={380}
            maw="100%"
          />
          <Select
            label={t('services.dataClass')}
            data={[{ value: '', label: t('services.allClasses') }, ...(['open', 'shared', 'private'] as DataClass[]).map((c) => ({ value: c, label: t(`dataClass.${c}`) }))]}
            value={dataClass}
            onChange={(v) => set('data_class', v ?? '')}
            allowDeselect={false}
            w={220}
          />
        </Group>
        {list.error !== undefined && <ProblemAlert error={list.error} />}
        {list.loading && list.data === undefined ? <Loading /> : (
          <>
            <Text size="sm" role="status" aria-live="polite">{t('services.found', { count: list.data?.total ?? 0 })}</Text>
            <Table.ScrollContainer minWidth={720}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('services.service')}</Table.Th>
                    <Table.Th scope="col">{t('services.title')}</Table.Th>
                    <Table.Th scope="col">{t('services.dataClass')}</Table.Th>
                    <Table.Th scope="col">{t('services.fieldCount')}</Table.Th>
                    <Table.Th scope="col">{t('common.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(list.data?.items ?? []).map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td><Anchor component={Link} to={servicePath(s.id)} className="mono" fw={600}>{s.id}</Anchor></Table.Td>
                      <Table.Td>{i18n.language === 'en' && s.title_en !== null ? s.title_en : s.title}</Table.Td>
                      <Table.Td><DataClassBadge value={s.data_class} /></Table.Td>
                      <Table.Td>{s.fields.length}</Table.Td>
                      <Table.Td><ServiceStatusBadge value={s.status} /></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {(list.data?.total ?? 0) > PAGE_SIZE && (
              <Pagination total={Math.ceil((list.data?.total ?? 0) / PAGE_SIZE)} value={page} onChange={(p) => set('page', String(p))} getControlProps={(c) => ({ 'aria-label': t(`pagination.${c}`) })} getItemProps={(p) => ({ 'aria-label': t('pagination.page', { page: p }) })} />
            )}
          </>
        )}
      </Stack>
    </>
  );
}
