import { Badge, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints.ts';
import type { PlanItemDetail } from '../../api/types.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { formatDate, formatNumber, formatPercent } from '../../format.ts';

/**
 * One action-plan item in detail: its exchanges per day in each direction (successful, refused,
 * failed), the links that implement it, and why it has its status.
 */
export function ItemDrawer({ itemId, windowDays, onClose }: { readonly itemId: string | undefined; readonly windowDays: number; readonly onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const detail = useApiGet<PlanItemDetail>(itemId === undefined ? undefined : endpoints.planItem(itemId), { window_days: windowDays }, { refreshMs: 10_000 });
  const d = detail.data?.id === itemId ? detail.data : undefined;
  const series = [
    { name: 'ok', label: t('overview.ok'), color: 'green.8' },
    { name: 'client_errors', label: t('overview.clientErrors'), color: 'orange.7' },
    { name: 'server_errors', label: t('overview.serverErrors'), color: 'red.8' },
  ];
  return (
    <Drawer closeButtonProps={{ 'aria-label': t('common.close') }} opened={itemId !== undefined} onClose={onClose} position="right" size="xl" title={d === undefined ? itemId : `${d.id} · ${i18n.language === 'en' ? d.title_en : d.title_vi}`}>
      {detail.error !== undefined && <ProblemAlert error={detail.error} />}
      {d === undefined ? <Loading /> : (
        <Stack gap="md" data-testid="item-detail">
          <Group gap="xs">
            <Badge variant="filled">{t(`planStatus.${d.status}`)}</Badge>
            <Badge variant="light">{t(`schedule.${d.schedule}`)}</Badge>
            <Text size="sm">{t('overview.errorRate')}: {formatPercent(d.error_rate)}</Text>
          </Group>
          {d.reasons.length > 0 && <Text size="sm" c="dimmed">{d.reasons.join(' · ')}</Text>}
          {(['consumes', 'provides'] as const).map((role) => (
            <section key={role} aria-label={t(`overview.direction.${role}`)}>
              <Title order={3} size="h5" mb={4}>{t(`overview.direction.${role}`)}</Title>
              <BarChart
                h={180}
                type="stacked"
                data={d.days.map((x) => ({ day: formatDate(x.day), ok: x[role].ok, client_errors: x[role].client_errors, server_errors: x[role].server_errors }))}
                dataKey="day"
                series={series}
                withLegend
              />
            </section>
          ))}
          <Table withTableBorder captionSide="top">
            <Table.Caption>{t('overview.links')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('overview.direction.label')}</Table.Th>
                <Table.Th scope="col">{t('grants.consumer')}</Table.Th>
                <Table.Th scope="col">{t('grants.service')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.links.length === 0 && <Table.Tr><Table.Td colSpan={4}><Text size="sm" c="dimmed">{t('overview.noLinks')}</Text></Table.Td></Table.Tr>}
              {d.links.map((l) => (
                <Table.Tr key={`${l.role}:${l.consumer_id}:${l.service_id}`}>
                  <Table.Td>{t(`overview.direction.${l.role}`)}</Table.Td>
                  <Table.Td className="mono">{l.consumer_id}</Table.Td>
                  <Table.Td className="mono">{l.service_id}</Table.Td>
                  <Table.Td>{l.service_active && l.grant_active ? <Badge color="green" variant="light">{t('overview.linkActive')}</Badge> : <Badge color="gray" variant="light">{t('overview.linkInactive')}</Badge>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed">{t('overview.totalInWindow', { n: formatNumber(d.days.reduce((n, x) => n + x.consumes.ok + x.provides.ok, 0)) })}</Text>
        </Stack>
      )}
    </Drawer>
  );
}
