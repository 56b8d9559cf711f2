import { useState } from 'react';
import { Badge, Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { BarChart, LineChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints.ts';
import type { AuditTail, ItemStatus, PlanItemDetail, PlanItemView, PlanOverview, ScheduleStatus } from '../../api/types.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { bucketsBy, histogramQuantile, parsePrometheus } from '../../api/prometheus.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../format.ts';
import { useConnectionTraffic } from './use-connection-traffic.ts';
import { ItemDrawer } from './item-drawer.tsx';

const STATUS_ORDER: readonly ItemStatus[] = ['not_connected', 'connected_unused', 'degraded', 'in_use', 'not_tracked'];
const STATUS_COLOR: Readonly<Record<ItemStatus, string>> = { not_connected: 'red', connected_unused: 'orange', degraded: 'orange', in_use: 'green', not_tracked: 'gray' };
const SCHEDULE_COLOR: Readonly<Record<ScheduleStatus, string>> = { overdue: 'red', late: 'orange', on_time: 'green', no_deadline: 'gray', not_measured: 'gray' };
const SERIES_COLORS = ['ndxp.7', 'green.7', 'orange.7', 'red.7', 'grape.7', 'cyan.8', 'lime.8', 'pink.7'];
/** How many recent exchanges the "busiest" tables are computed over. */
const RECENT = 1000;
const LIVE_MS = 10_000;

/**
 * The operator's overview (Decision 47 item IV.3: monitor the rollout): the action plan as a
 * board of items with their live status against the deadline, traffic per connection per day,
 * error rates, p95 latency, and the busiest consumers and services.
 */
export function OverviewPage() {
  const { t } = useTranslation();
  const [windowDays, setWindowDays] = useState('30');
  const plan = useApiGet<PlanOverview>(endpoints.plan, { window_days: Number(windowDays) }, { refreshMs: LIVE_MS });
  const traffic = useConnectionTraffic(plan.data?.items, Number(windowDays), plan.data?.computed_at ?? '');
  const [openItem, setOpenItem] = useState<string | undefined>(undefined);

  return (
    <>
      <PageHeader
        title={t('overview.heading')}
        description={plan.data === undefined ? t('overview.intro') : t('overview.computedAt', { at: formatDateTime(plan.data.computed_at) })}
        actions={<SegmentedControl aria-label={t('overview.window')} value={windowDays} onChange={setWindowDays} data={['7', '30', '90'].map((d) => ({ value: d, label: t('overview.days', { n: d }) }))} />}
      />
      {plan.error !== undefined && <ProblemAlert error={plan.error} />}
      {plan.data === undefined ? (plan.loading ? <Loading /> : null) : (
        <Stack gap="xl">
          <Summary plan={plan.data} />
          <Board items={plan.data.items} onOpen={setOpenItem} />
          <section aria-labelledby="traffic-heading">
            <Title order={2} size="h3" id="traffic-heading" mb={4}>{t('overview.trafficHeading')}</Title>
            <Text size="sm" c="dimmed" mb="sm">{t('overview.trafficHelp')}</Text>
            {traffic.error !== undefined && <ProblemAlert error={traffic.error} />}
            <TrafficCharts details={traffic.details} />
          </section>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
            <ErrorRates items={plan.data.items} />
            <Latency />
          </SimpleGrid>
          <Busiest />
        </Stack>
      )}
      <ItemDrawer itemId={openItem} windowDays={Number(windowDays)} onClose={() => setOpenItem(undefined)} />
    </>
  );
}

function Summary({ plan }: { readonly plan: PlanOverview }) {
  const { t } = useTranslation();
  const overdue = plan.items.filter((i) => i.schedule === 'overdue').length;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} data-testid="plan-summary">
      {STATUS_ORDER.map((s) => (
        <Card key={s} withBorder padding="sm" data-status={s}>
          <Text size="xs" fw={600} c="dimmed">{t(`planStatus.${s}`)}</Text>
          <Text size="xl" fw={700} data-testid={`summary-${s}`}>{plan.summary[s]}</Text>
        </Card>
      ))}
      <Card withBorder padding="sm" bg={overdue > 0 ? 'red.0' : undefined}>
        <Text size="xs" fw={600} c="dimmed">{t('schedule.overdue')}</Text>
        <Text size="xl" fw={700} c={overdue > 0 ? 'red.9' : undefined} data-testid="summary-overdue">{overdue}</Text>
      </Card>
    </SimpleGrid>
  );
}

/** The plan as a board: one column per status, one card per item, deadline and schedule on each. */
function Board({ items, onOpen }: { readonly items: readonly PlanItemView[]; readonly onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="board-heading">
      <Title order={2} size="h3" id="board-heading" mb="sm">{t('overview.boardHeading')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
        {STATUS_ORDER.map((s) => {
          const column = items.filter((i) => i.status === s);
          return (
            <Card key={s} withBorder padding="xs" bg="gray.0" component="section" aria-label={`${t(`planStatus.${s}`)} (${column.length})`} data-testid={`board-${s}`}>
              <Group justify="space-between" mb="xs">
                <Badge color={STATUS_COLOR[s]} variant="filled">{t(`planStatus.${s}`)}</Badge>
                <Text size="sm" fw={600}>{column.length}</Text>
              </Group>
              <Stack gap={6}>
                {column.map((i) => (
                  <Card key={i.id} withBorder padding={8} data-item={i.id} data-schedule={i.schedule} component="button" type="button" onClick={() => onOpen(i.id)} style={{ textAlign: "left", width: "100%", font: "inherit", color: "inherit", cursor: "pointer" }}>
                    <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
                      <Text size="sm" fw={700}>{i.id}</Text>
                      <Badge size="xs" color={SCHEDULE_COLOR[i.schedule]} variant={i.schedule === 'overdue' ? 'filled' : 'light'}>{t(`schedule.${i.schedule}`)}</Badge>
                    </Group>
                    <Text size="xs" lineClamp={3}>{i18n.language === 'en' ? i.title_en : i.title_vi}</Text>
                    <Group gap={6} mt={4}>
                      {i.deadline_at !== null && <Text size="xs" c="dimmed">{t('overview.deadline', { date: formatDate(i.deadline_at) })}</Text>}
                      {i.deadline_at === null && i.deadline !== null && <Text size="xs" c="dimmed">{i.deadline}</Text>}
                      {s !== 'not_tracked' && i.directions.some((d) => d.ok + d.client_errors + d.server_errors > 0) && (
                        <Tooltip label={t('overview.errorRate')}><Text size="xs" c={i.error_rate > 0 ? 'red.9' : 'dimmed'}>{formatPercent(i.error_rate)}</Text></Tooltip>
                      )}
                    </Group>
                  </Card>
                ))}
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    </section>
  );
}

/** Recharts reads a dotted data key as a path (`II.9` → `II` then `9`): chart keys use `II_9`. */
const seriesKey = (itemId: string): string => itemId.replaceAll('.', '_');

function TrafficCharts({ details }: { readonly details: readonly PlanItemDetail[] }) {
  const { t } = useTranslation();
  const withTraffic = details.filter((d) => d.days.some((x) => x.consumes.ok + x.provides.ok + x.consumes.client_errors + x.consumes.server_errors + x.provides.client_errors + x.provides.server_errors > 0));
  if (withTraffic.length === 0) return <Text size="sm" c="dimmed" data-testid="traffic-empty">{t('overview.noTraffic')}</Text>;
  const days = withTraffic[0]!.days.map((d) => d.day);
  const data = days.map((day, idx) => {
    const row: Record<string, string | number> = { day: formatDate(day) };
    for (const d of withTraffic) {
      const x = d.days[idx]!;
      row[seriesKey(d.id)] = x.consumes.ok + x.provides.ok + x.consumes.client_errors + x.consumes.server_errors + x.provides.client_errors + x.provides.server_errors;
    }
    return row;
  });
  const total = (id: string) => data.reduce((n, r) => n + Number(r[seriesKey(id)] ?? 0), 0);
  return (
    <Stack gap="md">
      <figure style={{ margin: 0 }} aria-label={t('overview.trafficChart')}>
        <LineChart h={260} data={data} dataKey="day" series={withTraffic.map((d, i) => ({ name: seriesKey(d.id), label: d.id, color: SERIES_COLORS[i % SERIES_COLORS.length]! }))} curveType="linear" withLegend withDots={false} />
      </figure>
      <Table.ScrollContainer minWidth={480}>
        <Table withTableBorder data-testid="traffic-table">
          <Table.Caption>{t('overview.trafficTable')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('overview.connection')}</Table.Th>
              <Table.Th scope="col">{t('overview.exchanges')}</Table.Th>
              <Table.Th scope="col">{t('overview.okConsumes')}</Table.Th>
              <Table.Th scope="col">{t('overview.okProvides')}</Table.Th>
              <Table.Th scope="col">{t('overview.errors')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {withTraffic.map((d) => {
              const sum = (f: (x: (typeof d.days)[number]) => number) => d.days.reduce((n, x) => n + f(x), 0);
              return (
                <Table.Tr key={d.id} data-item={d.id}>
                  <Table.Th scope="row">{d.id}</Table.Th>
                  <Table.Td data-testid={`traffic-${d.id}`}>{formatNumber(total(d.id))}</Table.Td>
                  <Table.Td>{formatNumber(sum((x) => x.consumes.ok))}</Table.Td>
                  <Table.Td>{formatNumber(sum((x) => x.provides.ok))}</Table.Td>
                  <Table.Td>{formatNumber(sum((x) => x.consumes.client_errors + x.consumes.server_errors + x.provides.client_errors + x.provides.server_errors))}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function ErrorRates({ items }: { readonly items: readonly PlanItemView[] }) {
  const { t } = useTranslation();
  const rows = items
    .filter((i) => i.directions.some((d) => d.ok + d.client_errors + d.server_errors > 0))
    .map((i) => ({ item: i.id, rate: Math.round(i.error_rate * 1000) / 10 }));
  // Item ids are category labels on the x axis here (not data keys), so their dots are harmless.
  return (
    <section aria-labelledby="errors-heading">
      <Title order={2} size="h3" id="errors-heading" mb={4}>{t('overview.errorsHeading')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('overview.errorsHelp')}</Text>
      {rows.length === 0 ? <Text size="sm" c="dimmed">{t('overview.noTraffic')}</Text> : (
        <figure style={{ margin: 0 }} aria-label={rows.map((r) => `${r.item}: ${r.rate}%`).join('; ')}>
          <BarChart h={220} data={rows} dataKey="item" series={[{ name: 'rate', label: t('overview.errorRatePct'), color: 'red.7' }]} unit="%" />
        </figure>
      )}
    </section>
  );
}

/** p50/p95 per service from the hub's latency histogram (this hub instance, since it started). */
function Latency() {
  const { t } = useTranslation();
  const metrics = useApiGet<string>(endpoints.metrics, undefined, { refreshMs: LIVE_MS, text: true });
  const samples = metrics.data === undefined ? [] : parsePrometheus(metrics.data);
  const byService = bucketsBy(samples, 'ndxp_exchange_duration_seconds', 'service', (l) => l['service'] !== 'unknown');
  const rows = [...byService].map(([service, buckets]) => ({
    service,
    count: buckets.reduce((m, b) => Math.max(m, b.count), 0),
    p50: histogramQuantile(0.5, buckets),
    p95: histogramQuantile(0.95, buckets),
  })).filter((r) => r.count > 0).sort((a, b) => b.count - a.count);
  const ms = (s: number | undefined) => (s === undefined ? '—' : `${formatNumber(s * 1000, 1)} ms`);
  return (
    <section aria-labelledby="latency-heading">
      <Title order={2} size="h3" id="latency-heading" mb={4}>{t('overview.latencyHeading')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('overview.latencyHelp')}</Text>
      {metrics.error !== undefined && <ProblemAlert error={metrics.error} />}
      {rows.length === 0 ? <Text size="sm" c="dimmed">{t('overview.noTraffic')}</Text> : (
        <Table.ScrollContainer minWidth={420}>
          <Table withTableBorder data-testid="latency-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('grants.service')}</Table.Th>
                <Table.Th scope="col">{t('overview.exchanges')}</Table.Th>
                <Table.Th scope="col">p50</Table.Th>
                <Table.Th scope="col">p95</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.service} data-service={r.service}>
                  <Table.Th scope="row" className="mono">{r.service}</Table.Th>
                  <Table.Td>{formatNumber(r.count)}</Table.Td>
                  <Table.Td>{ms(r.p50)}</Table.Td>
                  <Table.Td>{ms(r.p95)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}

/** Busiest consumers and services over the most recent exchanges of the audit log. */
function Busiest() {
  const { t } = useTranslation();
  // First learn the log size, then read the last RECENT entries.
  const head = useApiGet<AuditTail>(endpoints.audit, { after_seq: -1, limit: 1 }, { refreshMs: LIVE_MS });
  const size = head.data?.log_size;
  const tail = useApiGet<AuditTail>(size === undefined ? undefined : endpoints.audit, { after_seq: Math.max(-1, (size ?? 0) - RECENT - 1), limit: RECENT }, { version: size ?? 0 });
  const entries = tail.data?.items.map((i) => i.entry) ?? [];
  const top = (key: (e: (typeof entries)[number]) => string | null) => {
    const m = new Map<string, { n: number; errors: number }>();
    for (const e of entries) {
      const k = key(e);
      if (k === null) continue;
      const v = m.get(k) ?? { n: 0, errors: 0 };
      v.n++;
      if (e.status >= 400) v.errors++;
      m.set(k, v);
    }
    return [...m].sort((a, b) => b[1].n - a[1].n).slice(0, 5);
  };
  const consumers = top((e) => e.consumer);
  const services = top((e) => e.service);
  return (
    <section aria-labelledby="busiest-heading">
      <Title order={2} size="h3" id="busiest-heading" mb={4}>{t('overview.busiestHeading')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('overview.busiestHelp', { n: formatNumber(entries.length) })}</Text>
      {head.error !== undefined && <ProblemAlert error={head.error} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TopTable caption={t('overview.busiestConsumers')} rows={consumers} testId="busiest-consumers" />
        <TopTable caption={t('overview.busiestServices')} rows={services} testId="busiest-services" />
      </SimpleGrid>
    </section>
  );
}

function TopTable({ caption, rows, testId }: { readonly caption: string; readonly rows: readonly [string, { n: number; errors: number }][]; readonly testId: string }) {
  const { t } = useTranslation();
  return (
    <Table withTableBorder captionSide="top" data-testid={testId}>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('overview.name')}</Table.Th>
          <Table.Th scope="col">{t('overview.exchanges')}</Table.Th>
          <Table.Th scope="col">{t('overview.errors')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.length === 0 && <Table.Tr><Table.Td colSpan={3}><Text size="sm" c="dimmed">{t('overview.noTraffic')}</Text></Table.Td></Table.Tr>}
        {rows.map(([k, v]) => (
          <Table.Tr key={k} data-key={k}>
            <Table.Th scope="row" className="mono">{k}</Table.Th>
            <Table.Td>{formatNumber(v.n)}</Table.Td>
            <Table.Td>{formatNumber(v.errors)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
