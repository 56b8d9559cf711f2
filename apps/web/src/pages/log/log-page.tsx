import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Card, Code, Group, List, NumberInput, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { decodeBase64, noteVerifiers, openCheckpoint, parseVerifierKey, verifyConsistency } from '@ndxp/ledger';
import { endpoints } from '../../api/endpoints.ts';
import type { AuditEntryView, LogCheckpoints, LogConsistency, LogEntries, LogInclusion, LogKeys } from '../../api/types.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { useApi } from '../../auth/session-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';
import { verifyEntryInclusion, type VerificationResult } from '../../log/verify-entry-inclusion.ts';

const LIVE_MS = 5_000;
/** Entries shown in the browser: the most recent ones up to the latest checkpoint. */
const WINDOW = 200;

type Parsed = { readonly index: number; readonly text: string; readonly entry: AuditEntryView };

/** Check the checkpoint's signature in the browser, against the keys the log publishes. */
function checkSignature(note: string, keys: LogKeys | undefined): { ok: boolean; detail: string } | undefined {
  if (keys === undefined) return undefined;
  try {
    const opened = openCheckpoint(note, noteVerifiers(keys.keys.map((k) => parseVerifierKey(k.verifier_key))), { origin: keys.origin });
    return { ok: true, detail: `${opened.checkpoint.origin} · ${opened.checkpoint.size}` };
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The transparency log, checked by the browser itself (issue 4): the latest signed checkpoint
 * with its signature and its consistency with the previous one verified here, an entry browser
 * with filters, and a "verify" button that checks an entry's inclusion proof with @ndxp/ledger.
 * None of it trusts the hub: everything shown as verified was recomputed in this page.
 */
export function LogPage() {
  const { t } = useTranslation();
  const api = useApi();
  const keys = useApiGet<LogKeys>(endpoints.logKeys);
  const latestNote = useApiGet<string>(endpoints.logCheckpoint, undefined, { refreshMs: LIVE_MS, text: true });
  const latest = useMemo(() => {
    const note = latestNote.data;
    if (note === undefined) return undefined;
    const [origin = '', size = '0', root = ''] = note.split('\n');
    return { origin, size: Number(size), root, note };
  }, [latestNote.data]);
  const size = latest?.size ?? 0;
  const recent = useApiGet<LogCheckpoints>(latest === undefined ? undefined : endpoints.logCheckpoints, { after_size: Math.max(-1, size - 2000), limit: 1000 }, { version: size });
  const checkpoints = (recent.data?.items ?? []).slice(-10).reverse();
  const previous = checkpoints.find((c) => c.size < size && c.size > 0);
  const consistency = useApiGet<LogConsistency>(previous === undefined ? undefined : endpoints.logConsistency, { from: previous?.size, to: size }, { version: size });
  const entries = useApiGet<LogEntries>(size === 0 ? undefined : endpoints.logEntries, { start: Math.max(0, size - WINDOW), end: size }, { version: size });

  const signature = latest === undefined ? undefined : checkSignature(latest.note, keys.data);
  let consistent: boolean | undefined;
  if (consistency.data !== undefined && previous !== undefined && latest !== undefined) {
    try {
      consistent = verifyConsistency({ size1: previous.size, size2: size, root1: decodeBase64(previous.root_hash, 32), root2: decodeBase64(latest.root, 32), proof: consistency.data.proof.map((p) => decodeBase64(p, 32)) });
    } catch {
      consistent = false;
    }
  }

  const parsed: Parsed[] = useMemo(() => (entries.data?.entries ?? []).map((e) => ({ index: e.index, text: e.entry, entry: JSON.parse(e.entry) as AuditEntryView })).reverse(), [entries.data]);
  const [consumer, setConsumer] = useState<string | null>(null);
  const [service, setService] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string>('all');
  const distinct = (f: (e: AuditEntryView) => string | null) => [...new Set(parsed.map((p) => f(p.entry)).filter((x): x is string => x !== null))].sort();
  const shown = parsed.filter((p) => (consumer === null || p.entry.consumer === consumer) && (service === null || p.entry.service === service) && (outcome === 'all' || (outcome === 'ok' ? p.entry.status < 400 : p.entry.status >= 400)));

  const [results, setResults] = useState<Readonly<Record<number, VerificationResult | { error: unknown }>>>({});
  async function verify(p: { index: number; text: string }) {
    try {
      const proof = await api.get<LogInclusion>(endpoints.logInclusion, { index: p.index, size });
      const r = verifyEntryInclusion({
        entry: p.text,
        index: proof.index,
        proof: proof.proof,
        checkpoint: proof.checkpoint ?? latest?.note ?? '',
        verifierKeys: (keys.data?.keys ?? []).map((k) => k.verifier_key),
        ...(keys.data === undefined ? {} : { origin: keys.data.origin }),
      });
      setResults((old) => ({ ...old, [p.index]: r }));
    } catch (error) {
      setResults((old) => ({ ...old, [p.index]: { error } }));
    }
  }

  const [lookup, setLookup] = useState<number | string>('');
  const [looked, setLooked] = useState<{ index: number; text: string } | { error: unknown } | undefined>(undefined);
  async function findIndex() {
    if (typeof lookup !== 'number') return;
    try {
      const page = await api.get<LogEntries>(endpoints.logEntries, { start: lookup, end: lookup + 1 });
      const e = page.entries[0];
      if (e === undefined) throw new Error(t('log.notIntegrated', { index: lookup }));
      setLooked({ index: e.index, text: e.entry });
      await verify({ index: e.index, text: e.entry });
    } catch (error) {
      setLooked({ error });
    }
  }

  return (
    <>
      <PageHeader title={t('log.heading')} description={t('log.intro')} />
      {(keys.error ?? latestNote.error) !== undefined && <ProblemAlert error={keys.error ?? latestNote.error} />}
      {latest === undefined ? (latestNote.loading ? <Loading /> : null) : (
        <Stack gap="xl">
          <section aria-labelledby="checkpoint-heading">
            <Title order={2} size="h3" id="checkpoint-heading" mb="sm">{t('log.latest')}</Title>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Card withBorder>
                <Stack gap={6}>
                  <Text size="sm">{t('log.origin')}: <Code>{latest.origin}</Code></Text>
                  <Text size="sm">{t('log.treeSize')}: <strong data-testid="tree-size">{formatNumber(size)}</strong></Text>
                  <Text size="sm">{t('log.rootHash')}: <Code className="mono">{latest.root}</Code></Text>
                  {checkpoints[0]?.size === size && <Text size="sm">{t('log.publishedAt')}: {formatDateTime(checkpoints[0].published_at)}</Text>}
                  <Group gap="xs" mt="xs">
                    <Badge color={signature === undefined ? 'gray' : signature.ok ? 'green' : 'red'} variant="filled" data-testid="checkpoint-signature" data-ok={signature?.ok === true ? 'true' : 'false'}>
                      {signature === undefined ? t('log.checking') : signature.ok ? t('log.signatureOk') : t('log.signatureBad')}
                    </Badge>
                    {previous !== undefined && (
                      <Badge color={consistent === undefined ? 'gray' : consistent ? 'green' : 'red'} variant="light" data-testid="checkpoint-consistency" data-ok={consistent === true ? 'true' : 'false'}>
                        {consistent === undefined ? t('log.checking') : consistent ? t('log.consistentWith', { size: formatNumber(previous.size) }) : t('log.inconsistentWith', { size: formatNumber(previous.size) })}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">{t('log.verifiedHere')}</Text>
                </Stack>
              </Card>
              <Card withBorder>
                <Text size="xs" fw={600} c="dimmed" mb={4}>{t('log.note')}</Text>
                <Code block className="mono" data-testid="checkpoint-note" tabIndex={0} aria-label={t('log.note')}>{latest.note}</Code>
                <Text size="xs" fw={600} c="dimmed" mt="sm" mb={4}>{t('log.keys')}</Text>
                <List size="xs">{(keys.data?.keys ?? []).map((k) => <List.Item key={k.key_id}><Code className="mono">{k.verifier_key}</Code> <Badge size="xs" variant="outline">{t(`log.keyStatus.${k.status}`)}</Badge></List.Item>)}</List>
              </Card>
            </SimpleGrid>
            {checkpoints.length > 0 && (
              <Table.ScrollContainer minWidth={640} mt="md">
                <Table withTableBorder captionSide="top">
                  <Table.Caption>{t('log.recentCheckpoints')}</Table.Caption>
                  <Table.Thead><Table.Tr><Table.Th scope="col">{t('log.treeSize')}</Table.Th><Table.Th scope="col">{t('log.rootHash')}</Table.Th><Table.Th scope="col">{t('log.publishedAt')}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {checkpoints.map((c) => <Table.Tr key={c.size}><Table.Td>{formatNumber(c.size)}</Table.Td><Table.Td className="mono">{c.root_hash}</Table.Td><Table.Td>{formatDateTime(c.published_at)}</Table.Td></Table.Tr>)}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </section>

          <section aria-labelledby="lookup-heading">
            <Title order={2} size="h3" id="lookup-heading" mb={4}>{t('log.lookupHeading')}</Title>
            <Text size="sm" c="dimmed" mb="sm">{t('log.lookupHelp')}</Text>
            <Group align="flex-end">
              <NumberInput label={t('log.index')} min={0} max={Math.max(0, size - 1)} value={lookup} onChange={setLookup} w={200} allowDecimal={false} />
              <Button onClick={() => void findIndex()} disabled={typeof lookup !== 'number'}>{t('log.verify')}</Button>
            </Group>
            {looked !== undefined && 'error' in looked && <ProblemAlert error={looked.error} />}
            {looked !== undefined && 'index' in looked && <VerifyOutcome result={results[looked.index]} />}
          </section>

          <section aria-labelledby="entries-heading">
            <Title order={2} size="h3" id="entries-heading" mb={4}>{t('log.entriesHeading')}</Title>
            <Text size="sm" c="dimmed" mb="sm">{t('log.entriesHelp', { n: formatNumber(parsed.length) })}</Text>
            {entries.error !== undefined && <ProblemAlert error={entries.error} />}
            <Group align="flex-end" mb="sm" wrap="wrap">
              <Select label={t('log.filterConsumer')} data={distinct((e) => e.consumer)} value={consumer} onChange={setConsumer} clearable searchable w={220} />
              <Select label={t('log.filterService')} data={distinct((e) => e.service)} value={service} onChange={setService} clearable searchable w={300} />
              <Select label={t('log.filterOutcome')} data={[{ value: 'all', label: t('log.outcome.all') }, { value: 'ok', label: t('log.outcome.ok') }, { value: 'error', label: t('log.outcome.error') }]} value={outcome} onChange={(v) => setOutcome(v ?? 'all')} allowDeselect={false} w={180} />
            </Group>
            <Table.ScrollContainer minWidth={980}>
              <Table striped data-testid="log-entries">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('log.index')}</Table.Th>
                    <Table.Th scope="col">{t('log.time')}</Table.Th>
                    <Table.Th scope="col">{t('grants.consumer')}</Table.Th>
                    <Table.Th scope="col">{t('grants.service')}</Table.Th>
                    <Table.Th scope="col">{t('grants.purposes')}</Table.Th>
                    <Table.Th scope="col">{t('common.status')}</Table.Th>
                    <Table.Th scope="col">{t('log.proof')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.length === 0 && <Table.Tr><Table.Td colSpan={7}><Text size="sm" c="dimmed">{t('log.noEntries')}</Text></Table.Td></Table.Tr>}
                  {shown.map((p) => {
                    const r = results[p.index];
                    return (
                      <Table.Tr key={p.index} data-index={p.index}>
                        <Table.Th scope="row">{p.index}</Table.Th>
                        <Table.Td>{formatDateTime(p.entry.time)}</Table.Td>
                        <Table.Td className="mono">{p.entry.consumer ?? '—'}</Table.Td>
                        <Table.Td className="mono">{p.entry.service ?? '—'}</Table.Td>
                        <Table.Td>{p.entry.purpose ?? '—'}</Table.Td>
                        <Table.Td><Badge color={p.entry.status < 400 ? 'green' : 'red'} variant="light">{p.entry.status}</Badge>{p.entry.error_code !== null && <Text span size="xs" ml={4} className="mono">{p.entry.error_code}</Text>}</Table.Td>
                        <Table.Td>
                          {r === undefined ? <Button size="compact-xs" variant="light" onClick={() => void verify(p)} aria-label={t('log.verifyEntry', { index: p.index })}>{t('log.verify')}</Button> : <VerifyBadge result={r} />}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </section>
        </Stack>
      )}
    </>
  );
}

function VerifyBadge({ result }: { readonly result: VerificationResult | { error: unknown } }) {
  const { t } = useTranslation();
  if ('error' in result) return <Badge color="red" variant="filled" data-verified="error">{t('log.verifyFailed')}</Badge>;
  return <Badge color={result.ok ? 'green' : 'red'} variant="filled" data-verified={result.ok ? 'true' : 'false'}>{result.ok ? t('log.included') : t('log.notIncluded')}</Badge>;
}

/** The steps of a verification, so a reader sees what was checked, not just a tick. */
function VerifyOutcome({ result }: { readonly result: VerificationResult | { error: unknown } | undefined }) {
  const { t } = useTranslation();
  if (result === undefined) return null;
  if ('error' in result) return <ProblemAlert error={result.error} />;
  return (
    <Alert mt="sm" color={result.ok ? 'green' : 'red'} variant="light" role="status" title={result.ok ? t('log.included') : t('log.notIncluded')} data-testid="verify-outcome" data-ok={result.ok ? 'true' : 'false'}>
      <List size="sm" spacing={4}>
        {result.steps.map((s) => (
          <List.Item key={s.step}>
            <Text span fw={600}>{s.ok ? '✓' : '✗'} {t(`log.step.${s.step}`)}</Text>{' '}
            <Text span size="xs" className="mono">{s.detail}</Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
