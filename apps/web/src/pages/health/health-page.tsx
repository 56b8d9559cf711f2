import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints.ts';
import { ApiError } from '../../api/problem.ts';
import type { AuditTail, SubsystemView } from '../../api/types.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { bucketsBy, histogramQuantile, parsePrometheus, type Sample } from '../../api/prometheus.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';

const LIVE_MS = 5_000;
const RECENT = 1000;
/** Gauge values of `ndxp_provider_circuit_state` (packages/hub metrics). */
const CIRCUIT = ['closed', 'half-open', 'open'] as const;
const CIRCUIT_COLOR = { closed: 'green', 'half-open': 'orange', open: 'red' } as const;
const PROVIDER_CODES = new Set(['PROVIDER_TIMEOUT', 'PROVIDER_UNAVAILABLE', 'PROVIDER_CIRCUIT_OPEN', 'PROVIDER_BAD_RESPONSE']);

interface Readiness { readonly status: string; readonly checks: Readonly<Record<string, boolean>> }

function value(samples: readonly Sample[], name: string, where: (l: Readonly<Record<string, string>>) => boolean = () => true): number | undefined {
  const s = samples.filter((x) => x.name === name && where(x.labels));
  return s.length === 0 ? undefined : s.reduce((n, x) => n + x.value, 0);
}

function Check({ label, ok, testId }: { readonly label: string; readonly ok: boolean | undefined; readonly testId: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" data-testid={testId} data-ok={ok === undefined ? 'unknown' : String(ok)}>
      <Text size="xs" fw={600} c="dimmed">{label}</Text>
      <Badge mt={4} color={ok === undefined ? 'gray' : ok ? 'green' : 'red'} variant="filled">{ok === undefined ? t('health.unknown') : ok ? t('health.ok') : t('health.failing')}</Badge>
    </Card>
  );
}

/**
 * Health of the platform, live: the hub's liveness and readiness (database, state cache, audit
 * writer), its process, the hub instances seen in recent exchanges, audit group commits, and each
 * provider's reachability with its circuit-breaker state.
 */
export function HealthPage() {
  const { t } = useTranslation();
  const live = useApiGet<{ status: string }>(endpoints.healthz, undefined, { refreshMs: LIVE_MS });
  const ready = useApiGet<Readiness>(endpoints.readyz, undefined, { refreshMs: LIVE_MS });
  const metrics = useApiGet<string>(endpoints.metrics, undefined, { refreshMs: LIVE_MS, text: true });
  const subs = useApiGet<{ items: SubsystemView[] }>(endpoints.subsystems, undefined, { refreshMs: 30_000 });
  const head = useApiGet<AuditTail>(endpoints.audit, { after_seq: -1, limit: 1 }, { refreshMs: LIVE_MS });
  const size = head.data?.log_size;
  const tail = useApiGet<AuditTail>(size === undefined ? undefined : endpoints.audit, { after_seq: Math.max(-1, (size ?? 0) - RECENT - 1), limit: RECENT }, { version: size ?? 0 });

  // Log integration lag: entries durable in the audit log but not yet under a signed checkpoint,
  // and the age of the oldest of them.
  const checkpoint = useApiGet<string>(endpoints.logCheckpoint, undefined, { refreshMs: LIVE_MS, text: true });
  const treeSize = checkpoint.data === undefined ? undefined : Number(checkpoint.data.split('\n')[1]);
  const pending = size === undefined || treeSize === undefined ? undefined : Math.max(0, size - treeSize);
  const oldest = useApiGet<AuditTail>(pending === undefined || pending === 0 ? undefined : endpoints.audit, { after_seq: (treeSize ?? 0) - 1, limit: 1 }, { version: `${treeSize}/${size}` });
  const oldestTime = oldest.data?.items[0]?.entry.time;
  const lagSeconds = pending === 0 ? 0 : oldestTime === undefined ? undefined : Math.max(0, (Date.now() - Date.parse(oldestTime)) / 1000);

  // /readyz answers 503 problem+json with the failed checks as an extension member.
  const failedChecks = ready.error instanceof ApiError ? (ready.error.problem as unknown as { checks?: Record<string, boolean> } | undefined)?.checks : undefined;
  const checks = ready.data?.checks ?? failedChecks;
  const samples = metrics.data === undefined ? [] : parsePrometheus(metrics.data);
  const startedAt = value(samples, 'ndxp_hub_process_start_time_seconds');
  const rss = value(samples, 'ndxp_hub_process_resident_memory_bytes');
  const lagP99 = value(samples, 'ndxp_hub_nodejs_eventloop_lag_p99_seconds');
  const flushFailed = value(samples, 'ndxp_audit_flush_duration_seconds_count', (l) => l['outcome'] === 'error') ?? 0;
  const flushOk = value(samples, 'ndxp_audit_flush_duration_seconds_count', (l) => l['outcome'] === 'ok') ?? 0;
  const flushP95 = histogramQuantile(0.95, bucketsBy(samples, 'ndxp_audit_flush_duration_seconds', 'outcome', (l) => l['outcome'] === 'ok').get('ok') ?? []);
  const batches = value(samples, 'ndxp_audit_batch_size_sum');
  const batchCount = value(samples, 'ndxp_audit_batch_size_count');
  const circuits = new Map(samples.filter((s) => s.name === 'ndxp_provider_circuit_state').map((s) => [s.labels['provider'] ?? '', CIRCUIT[s.value] ?? 'closed']));
  const denials = samples.filter((s) => s.name === 'ndxp_exchange_denials_total' && s.value > 0).sort((a, b) => b.value - a.value);

  const entries = tail.data?.items.map((i) => i.entry) ?? [];
  const instances = new Map<string, { n: number; last: string }>();
  const providerErrors = new Map<string, { n: number; last: string; code: string }>();
  for (const e of entries) {
    const i = instances.get(e.hub_instance) ?? { n: 0, last: e.time };
    i.n++;
    if (e.time > i.last) i.last = e.time;
    instances.set(e.hub_instance, i);
    if (e.error_code !== null && PROVIDER_CODES.has(e.error_code) && e.service !== null) {
      const provider = e.service.split('/').slice(0, 2).join('/');
      const p = providerErrors.get(provider) ?? { n: 0, last: e.time, code: e.error_code };
      p.n++;
      if (e.time >= p.last) { p.last = e.time; p.code = e.error_code; }
      providerErrors.set(provider, p);
    }
  }
  const providers = (subs.data?.items ?? []).filter((s) => s.base_url !== null);

  return (
    <>
      <PageHeader title={t('health.heading')} description={t('health.intro')} />
      <Stack gap="xl">
        <section aria-labelledby="hub-heading">
          <Title order={2} size="h3" id="hub-heading" mb="sm">{t('health.hub')}</Title>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Check label={t('health.live')} ok={live.data === undefined ? (live.error === undefined ? undefined : false) : live.data.status === 'ok'} testId="check-live" />
            <Check label={t('health.database')} ok={checks?.['database']} testId="check-database" />
            <Check label={t('health.state')} ok={checks?.['state']} testId="check-state" />
            <Check label={t('health.audit')} ok={checks?.['audit']} testId="check-audit" />
          </SimpleGrid>
          {ready.error !== undefined && failedChecks === undefined && <ProblemAlert error={ready.error} />}
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
            <Card withBorder padding="sm"><Text size="xs" fw={600} c="dimmed">{t('health.startedAt')}</Text><Text size="sm">{startedAt === undefined ? '—' : formatDateTime(new Date(startedAt * 1000).toISOString())}</Text></Card>
            <Card withBorder padding="sm"><Text size="xs" fw={600} c="dimmed">{t('health.memory')}</Text><Text size="sm">{rss === undefined ? '—' : `${formatNumber(rss / 1048576, 1)} MiB`}</Text></Card>
            <Card withBorder padding="sm"><Text size="xs" fw={600} c="dimmed">{t('health.eventLoopLag')}</Text><Text size="sm">{lagP99 === undefined ? '—' : `${formatNumber(lagP99 * 1000, 1)} ms`}</Text></Card>
          </SimpleGrid>
          {metrics.error !== undefined && <ProblemAlert error={metrics.error} />}
          {checkpoint.error !== undefined && <ProblemAlert error={checkpoint.error} />}
        </section>

        <section aria-labelledby="instances-heading">
          <Title order={2} size="h3" id="instances-heading" mb={4}>{t('health.instances')}</Title>
          <Text size="sm" c="dimmed" mb="sm">{t('health.instancesHelp', { n: formatNumber(entries.length) })}</Text>
          {head.error !== undefined && <ProblemAlert error={head.error} />}
          <Table withTableBorder data-testid="instances">
            <Table.Thead><Table.Tr><Table.Th scope="col">{t('health.instance')}</Table.Th><Table.Th scope="col">{t('overview.exchanges')}</Table.Th><Table.Th scope="col">{t('health.lastSeen')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {instances.size === 0 && <Table.Tr><Table.Td colSpan={3}><Text size="sm" c="dimmed">{t('overview.noTraffic')}</Text></Table.Td></Table.Tr>}
              {[...instances].map(([id, v]) => (
                <Table.Tr key={id}><Table.Th scope="row" className="mono">{id}</Table.Th><Table.Td>{formatNumber(v.n)}</Table.Td><Table.Td>{formatDateTime(v.last)}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>

        <section aria-labelledby="audit-heading">
          <Title order={2} size="h3" id="audit-heading" mb={4}>{t('health.auditHeading')}</Title>
          <Text size="sm" c="dimmed" mb="sm">{t('health.auditHelp')}</Text>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
            <Card withBorder padding="sm" data-testid="log-lag" data-pending={pending ?? ''}>
              <Text size="xs" fw={600} c="dimmed">{t('health.integrationLag')}</Text>
              <Text size="lg" fw={700}>{lagSeconds === undefined ? '—' : t('health.seconds', { n: formatNumber(lagSeconds, 1) })}</Text>
              <Text size="xs">{pending === undefined ? '' : t('health.pendingEntries', { n: formatNumber(pending), size: formatNumber(treeSize ?? 0) })}</Text>
            </Card>
            <Card withBorder padding="sm"><Text size="xs" fw={600} c="dimmed">{t('health.logSize')}</Text><Text size="lg" fw={700} data-testid="log-size">{size === undefined ? '—' : formatNumber(size)}</Text></Card>
            <Card withBorder padding="sm"><Text size="xs" fw={600} c="dimmed">{t('health.flushes')}</Text><Text size="lg" fw={700}>{formatNumber(flushOk)}</Text></Card>
            <Card withBorder padding="sm" bg={flushFailed > 0 ? 'red.0' : undefined}><Text size="xs" fw={600} c="dimmed">{t('health.flushFailures')}</Text><Text size="lg" fw={700} c={flushFailed > 0 ? 'red.9' : undefined}>{formatNumber(flushFailed)}</Text></Card>
            <Card withBorder padding="sm"><Text size="xs" fw={600} c="dimmed">{t('health.flushP95')}</Text><Text size="lg" fw={700}>{flushP95 === undefined ? '—' : `${formatNumber(flushP95 * 1000, 1)} ms`}</Text><Text size="xs">{batches !== undefined && batchCount ? t('health.meanBatch', { n: formatNumber(batches / batchCount, 1) }) : ''}</Text></Card>
          </SimpleGrid>
        </section>

        <section aria-labelledby="providers-heading">
          <Title order={2} size="h3" id="providers-heading" mb={4}>{t('health.providers')}</Title>
          <Text size="sm" c="dimmed" mb="sm">{t('health.providersHelp')}</Text>
          {subs.error !== undefined && <ProblemAlert error={subs.error} />}
          <Table.ScrollContainer minWidth={720}>
            <Table withTableBorder data-testid="providers">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('health.provider')}</Table.Th>
                  <Table.Th scope="col">{t('subsystems.baseUrl')}</Table.Th>
                  <Table.Th scope="col">{t('health.circuit')}</Table.Th>
                  <Table.Th scope="col">{t('health.providerErrors')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {providers.map((p) => {
                  const c = circuits.get(p.id) ?? 'closed';
                  const err = providerErrors.get(p.id);
                  return (
                    <Table.Tr key={p.id} data-provider={p.id} data-circuit={c}>
                      <Table.Th scope="row" className="mono">{p.id}</Table.Th>
                      <Table.Td className="mono">{p.base_url}</Table.Td>
                      <Table.Td><Badge color={CIRCUIT_COLOR[c]} variant="light">{t(`health.circuitState.${c}`)}</Badge>{p.status === 'disabled' && <Badge ml={4} color="gray" variant="outline">{t('subsystems.status.disabled')}</Badge>}</Table.Td>
                      <Table.Td>{err === undefined ? t('health.noProviderErrors') : <Group gap={4}><Text size="sm">{formatNumber(err.n)}</Text><Text size="xs" c="dimmed">{err.code} · {formatDateTime(err.last)}</Text></Group>}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </section>

        <section aria-labelledby="denials-heading">
          <Title order={2} size="h3" id="denials-heading" mb="sm">{t('health.denials')}</Title>
          {denials.length === 0 ? <Text size="sm" c="dimmed">{t('health.noDenials')}</Text> : (
            <Table withTableBorder maw={520} data-testid="denials">
              <Table.Thead><Table.Tr><Table.Th scope="col">{t('problem.code')}</Table.Th><Table.Th scope="col">{t('overview.exchanges')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {denials.map((d) => <Table.Tr key={d.labels['code']}><Table.Th scope="row" className="mono">{d.labels['code']}</Table.Th><Table.Td>{formatNumber(d.value)}</Table.Td></Table.Tr>)}
              </Table.Tbody>
            </Table>
          )}
        </section>
      </Stack>
    </>
  );
}
