/**
 * `npm run reliability:report`: run the reliability and security suites and rewrite
 * docs/reliability.md with the figures they measured. No number in that file is written by hand.
 *
 *   npm run reliability:report                  # npm-test suites + fault suites + npm audit; soak figures from its last run
 *   npm run reliability:report -- --soak        # also run the 10-minute soak first (bench/soak.bench.ts)
 *   npm run reliability:report -- --no-faults   # only the fast suites
 *   NDXP_FUZZ_SCALE=5 npm run reliability:report   # five times more fuzzing than npm test does
 *   npm run reliability:report -- --render DIR  # re-render from an earlier run's figures directory (only npm audit runs)
 *
 * Each suite appends what it did (inputs tried, requests sent, entries verified, faults survived)
 * to a JSON-lines file in a fresh directory named by NDXP_RELIABILITY_DIR (see
 * packages/hub/test/support/figures.ts); vitest's JSON reporter says which tests passed.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine } from '../bench/lib/machine.ts';
import type { Course } from '../bench/lib/trend.ts';

const root = new URL('../', import.meta.url);
const args = new Set(process.argv.slice(2));
const DEFAULT_TEST_POSTGRES = 'postgres://ndxp:ndxp-ci@127.0.0.1:5432/postgres';

type Row = Record<string, number | string | boolean> & { suite: string; scope: string };

interface RunResult {
  readonly name: string;
  readonly command: string;
  readonly exitCode: number;
  readonly passed: number;
  readonly failed: number;
  readonly seconds: number;
}

function run(command: string, argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function vitest(name: string, vitestArgs: string[], env: NodeJS.ProcessEnv, dir: string): Promise<RunResult> {
  const output = join(dir, `${name}.vitest.json`);
  const t0 = Date.now();
  const { code } = await run('npx', ['vitest', 'run', ...vitestArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`], env);
  let passed = 0;
  let failed = 0;
  if (existsSync(output)) {
    const report = JSON.parse(await readFile(output, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    passed = report.numPassedTests;
    failed = report.numFailedTests;
  }
  return { name, command: `vitest run ${vitestArgs.join(' ')}`, exitCode: code, passed, failed, seconds: Math.round((Date.now() - t0) / 1000) };
}

async function readRows(dir: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const f of await readdir(dir)) {
    if (!f.endsWith('.jsonl')) continue;
    for (const line of (await readFile(join(dir, f), 'utf8')).split('\n')) if (line.trim() !== '') rows.push(JSON.parse(line) as Row);
  }
  return rows;
}

interface AuditSummary {
  readonly ran: boolean;
  readonly exitCode: number;
  readonly counts: Record<string, number>;
  readonly note: string;
}

async function npmAudit(): Promise<AuditSummary> {
  const { code, out } = await run('npm', ['audit', '--omit=dev', '--json'], process.env);
  if (/405 Method Not Allowed/.test(out)) {
    return { ran: false, exitCode: code, counts: {}, note: 'could not run on this machine: the registry answered 405 Method Not Allowed to the audit endpoint (/-/npm/v1/security/advisories/bulk), so no advisory data was available; the .ci/run line fails the same way here' };
  }
  try {
    const json = JSON.parse(out.slice(out.indexOf('{'))) as { metadata?: { vulnerabilities?: Record<string, number> } };
    const counts = json.metadata?.vulnerabilities ?? {};
    const high = (counts['high'] ?? 0) + (counts['critical'] ?? 0);
    return { ran: true, exitCode: code, counts, note: high === 0 ? 'passes `--audit-level=high`' : 'FAILS `--audit-level=high`' };
  } catch {
    return { ran: false, exitCode: code, counts: {}, note: 'could not run (no registry access?)' };
  }
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** The soak's own figures, as bench/soak.bench.ts writes them: each figure's course, its verdict, and what latency followed. */
const courseOf = (soak: Record<string, unknown>, key: string): Course | undefined => (soak['course'] as Record<string, Course> | undefined)?.[key];
const verdictOf = (soak: Record<string, unknown>, key: string): string => {
  const v = (soak['verdict'] as Record<string, boolean> | undefined)?.[key];
  return v === undefined ? 'not computed' : v ? 'yes' : 'no';
};
const correlationOf = (soak: Record<string, unknown>, key: string): string => String((soak['correlations'] as Record<string, number | null> | undefined)?.[key] ?? 'n/a');
const courseRow = (label: string, c: Course | undefined): string =>
  c === undefined ? `| ${label} | n/a | n/a | n/a |` : `| ${label} | ${c.first_third} | ${c.last_third} | ${c.drift_pct > 0 ? '+' : ''}${c.drift_pct}% (${c.drift_pct_low}% to ${c.drift_pct_high}%) |`;
const sum = (rows: readonly Row[], suite: string, key: string): number => rows.filter((r) => r.suite === suite).reduce((a, r) => a + num(r[key]), 0);
const fmt = (n: number): string => n.toLocaleString('en-US');

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const renderFrom = argv.includes('--render') ? argv[argv.indexOf('--render') + 1] : undefined;
  if (renderFrom !== undefined) {
    // Re-render from a finished run's figures (kept in its directory with the vitest reports).
    const runs: RunResult[] = [];
    for (const [name, command] of [['attack-and-fuzz', 'vitest run packages/hub/test packages/core/src/http packages/db/src'], ['faults', 'vitest run --config vitest.faults.config.ts']] as const) {
      const file = join(renderFrom, `${name}.vitest.json`);
      if (!existsSync(file)) continue;
      const r = JSON.parse(await readFile(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; startTime: number; testResults: { endTime: number }[] };
      const end = Math.max(...r.testResults.map((t) => t.endTime));
      runs.push({ name, command, exitCode: r.numFailedTests === 0 ? 0 : 1, passed: r.numPassedTests, failed: r.numFailedTests, seconds: Math.round((end - r.startTime) / 1000) });
    }
    const soakFile = new URL('bench/results/soak.json', root);
    const soak = existsSync(soakFile) ? (JSON.parse(await readFile(soakFile, 'utf8')) as Record<string, number | boolean | string>) : undefined;
    await writeFile(new URL('docs/reliability.md', root), render(await readRows(renderFrom), runs, await npmAudit(), soak));
    console.log(`docs/reliability.md re-rendered from ${renderFrom}`);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'ndxp-reliability-'));
  const env = { ...process.env, NDXP_RELIABILITY_DIR: dir, NDXP_TEST_POSTGRES_URL: process.env['NDXP_TEST_POSTGRES_URL'] ?? DEFAULT_TEST_POSTGRES };
  const runs: RunResult[] = [];
  if (args.has('--soak')) {
    const { code } = await run('npx', ['tsx', 'bench/soak.bench.ts'], env);
    if (code !== 0) console.error('soak run failed; the report uses the previous results if any');
  }
  runs.push(await vitest('attack-and-fuzz', ['packages/hub/test', 'packages/core/src/http', 'packages/db/src'], env, dir));
  if (!args.has('--no-faults')) runs.push(await vitest('faults', ['--config', 'vitest.faults.config.ts'], env, dir));
  const audit = await npmAudit();
  const rows = await readRows(dir);
  const soakFile = new URL('bench/results/soak.json', root);
  const soak = existsSync(soakFile) ? (JSON.parse(await readFile(soakFile, 'utf8')) as Record<string, number | boolean | string>) : undefined;
  await writeFile(new URL('docs/reliability.md', root), render(rows, runs, audit, soak));
  console.log(`docs/reliability.md rewritten from ${rows.length} figure records in ${dir}`);
  if (runs.some((r) => r.exitCode !== 0)) process.exitCode = 1;
}

function render(rows: readonly Row[], runs: readonly RunResult[], audit: AuditSummary, soak: Record<string, number | boolean | string> | undefined): string {
  const m = machine();
  const scopes = (suite: string): string => [...new Set(rows.filter((r) => r.suite === suite).map((r) => r.scope))].join(', ') || 'not run';
  const inputs = sum(rows, 'fuzz-hub-api', 'inputs') + sum(rows, 'fuzz-data-plane', 'requests') + sum(rows, 'fuzz-npdb-api', 'inputs');
  const soakRequests = num(soak?.['soak_requests']);
  const requests = rows.reduce((a, r) => a + num(r['requests']), 0) + soakRequests;
  const entriesVerified = sum(rows, 'provider-faults', 'entries_verified') + sum(rows, 'database-lost', 'entries_verified') + sum(rows, 'hub-killed', 'entries_verified') + sum(rows, 'fuzz-data-plane', 'entries_checked') + num(soak?.['entries_verified']);
  const missing = sum(rows, 'database-lost', 'delivered_missing_from_log') + sum(rows, 'hub-killed', 'delivered_missing_from_log');
  const faults = sum(rows, 'provider-faults', 'faults_survived') + sum(rows, 'database-lost', 'outages') + sum(rows, 'hub-killed', 'killed') + (rows.some((r) => r.suite === 'slow-clients') ? 1 : 0);
  const attacksRefused = sum(rows, 'token-attacks', 'attacks_refused') + sum(rows, 'request-attacks', 'attacks_refused') + sum(rows, 'access-attacks', 'attacks_refused');
  const passed = runs.reduce((a, r) => a + r.passed, 0);
  const failed = runs.reduce((a, r) => a + r.failed, 0);
  const one = (suite: string, scope?: string): Row | undefined => rows.find((r) => r.suite === suite && (scope === undefined || r.scope === scope));
  const dbLost = one('database-lost');
  const killed = one('hub-killed');
  const slow = one('slow-clients');
  const quotaIn = one('quota-two-processes', 'postgres');
  const quotaProc = one('quota-two-processes', 'processes');
  const line = (cells: readonly (string | number)[]): string => `| ${cells.map((c) => (typeof c === 'number' ? fmt(c) : c)).join(' | ')} |`;

  return [
    '# Reliability and security figures',
    '',
    `Generated by \`npm run reliability:report\` (scripts/reliability-report.ts) on ${new Date().toISOString().slice(0, 10)}; do not edit by hand. Machine: ${m.cores} cores (${m.cpu}), ${m.memory_gb} GB, Node ${m.node}, shared with other work while the suites ran. The threat model these tests back is in [security.md](security.md).`,
    '',
    '## Summary',
    '',
    '| | |',
    '|---|---:|',
    line(['Tests passed / failed', `${fmt(passed)} / ${fmt(failed)}`]),
    line(['Faults injected and survived', faults]),
    line(['Fuzzed inputs tried (hub API, data plane, NPDB)', inputs]),
    line(['Attacks refused (token, request, access suites)', attacksRefused]),
    line(['Requests sent, all suites' + (soak === undefined ? '' : ' and the soak'), requests]),
    line(['Log entries verified (against delivered answers, or by `ndxp log verify`)', entriesVerified]),
    line(['Delivered answers missing from the log', missing]),
    '',
    '| run | command | passed | failed | seconds |',
    '|---|---|---:|---:|---:|',
    ...runs.map((r) => line([r.name, `\`${r.command}\``, r.passed, r.failed, r.seconds])),
    '',
    '## Faults',
    '',
    `**Provider problems** (packages/hub/test/provider-faults.test.ts, on ${scopes('provider-faults')}): slow, garbage, stack traces, redirects, resets, cut bodies, oversized answers, down, half-open probe failing. ${fmt(sum(rows, 'provider-faults', 'faults_survived'))} scenarios; every one answered with its problem (origin=provider) and audited (${fmt(sum(rows, 'provider-faults', 'entries_verified'))} entries checked against the requests), circuits opened and closed ${fmt(sum(rows, 'provider-faults', 'circuits_opened_and_closed'))} times, other providers, consumers and quotas untouched.`,
    '',
    dbLost === undefined ? '**Database lost mid-load**: not run.' : [
      `**Database lost mid-load** (bench/faults/database-lost.faults.ts, private PostgreSQL 15): ${fmt(num(dbLost['outages']))} outages of ${fmt(num(dbLost['outage_ms']))} ms each (a crash, \`pg_ctl stop -m immediate\`, then a clean \`-m fast\` stop) under a steady load.`,
      '',
      '| | |', '|---|---:|',
      line(['Requests', num(dbLost['requests'])]),
      line(['Delivered (2xx)', num(dbLost['delivered'])]),
      line(['Refused while down (503 AUDIT_UNAVAILABLE, fail closed)', num(dbLost['refused_while_down'])]),
      line(['Delivered while down (entry already durable before the stop)', num(dbLost['delivered_while_down'])]),
      line(['Serving again after the crash, ms after PostgreSQL was back', num(dbLost['recovery_ms_after_crash'])]),
      line(['Serving again after the clean stop, ms', num(dbLost['recovery_ms_after_shutdown'])]),
      line(['Hub process survived', String(dbLost['hub_process_survived'])]),
      line(['Delivered answers missing from the log', num(dbLost['delivered_missing_from_log'])]),
      line(['Entries verified by `ndxp log verify` (and history unchanged across the outages)', num(dbLost['entries_verified'])]),
      line(['Checkpoints verified', num(dbLost['checkpoints_verified'])]),
    ].join('\n'),
    '',
    killed === undefined ? '**Hub killed under load**: not run.' : [
      `**Hub killed under load** (bench/faults/hub-killed.faults.ts): ${fmt(num(killed['hub_processes']))} hub processes on one PostgreSQL, load spread over all, one killed with SIGKILL, then restarted.`,
      '',
      '| | |', '|---|---:|',
      line(['Requests', num(killed['requests'])]),
      line(['Delivered', num(killed['delivered'])]),
      line(['Requests to the survivors / failures among them', `${fmt(num(killed['survivor_requests']))} / ${fmt(num(killed['survivor_failures']))}`]),
      line(['Connection failures on the killed process (no answer, never a wrong one)', num(killed['victim_connection_failures'])]),
      line(['Log size (dense)', num(killed['log_size'])]),
      line(['Delivered answers missing from the log', num(killed['delivered_missing_from_log'])]),
      line(['Entries verified by `ndxp log verify`', num(killed['entries_verified'])]),
      line(['Killed process restarted and serving', String(killed['restarted_and_serving'])]),
    ].join('\n'),
    '',
    slow === undefined ? '**Slow clients**: not run.' : `**Slow clients** (bench/faults/slow-clients.faults.ts, one hub process): ${fmt(num(slow['slow_connections']))} slow connections (${fmt(num(slow['trickling_headers']))} trickling headers a byte a second, ${fmt(num(slow['stalled_bodies']))} stalled bodies, ${fmt(num(slow['silent']))} silent). All were cut by the hub between ${fmt(num(slow['first_cut_ms']))} and ${fmt(num(slow['last_cut_ms']))} ms (${fmt(num(slow['answered_408']))} with a 408 REQUEST_TIMEOUT problem), while ${fmt(num(slow['served_meanwhile']))} real calls were served.`,
    '',
    soak === undefined ? '**Soak**: not run yet (`npm run bench:soak`).' : [
      `**Soak** (bench/soak.bench.ts, last run; full table in bench/soak.md): peak ${fmt(num(soak['peak_rps']))} req/s; ${fmt(num(soak['soak_rate']))} req/s offered open loop (${Math.round(num(soak['load_fraction']) * 100)}% of peak) for ${fmt(num(soak['minutes']))} minutes, ${fmt(num(soak['achieved_rps_mean']))} req/s delivered on average, ${fmt(num(soak['late_sends']))} sends that missed their slot.`,
      '',
      '| | first third | last third | trend over the run (95% interval) |', '|---|---:|---:|---:|',
      courseRow('p50 latency, ms', courseOf(soak, 'p50_ms')),
      courseRow('p99 latency, ms', courseOf(soak, 'p99_ms')),
      courseRow('hub RSS, MB', courseOf(soak, 'hub_rss_mb')),
      courseRow('CPU per request, ms (all processes)', courseOf(soak, 'cpu_ms_per_request')),
      '',
      `Thirds are medians of the ${fmt(num(soak['window_seconds']))}-second windows; the trend is the Theil–Sen slope across the windows carried over the run, as a share of the median (bench/lib/trend.ts). Requests ${fmt(num(soak['soak_requests']))}, non-2xx ${fmt(num(soak['soak_non2xx']))}, socket errors ${fmt(num(soak['soak_socket_errors']))}, errors in the hub's log ${fmt(num(soak['soak_hub_errors_logged']))}; hub RSS ${fmt(num(soak['rss_mb_start']))} MB → ${fmt(num(soak['rss_mb_end']))} MB (max ${fmt(num(soak['rss_mb_max']))}); log of ${fmt(num(soak['log_size']))} entries dense: ${String(soak['log_dense'])}, verified: ${String(soak['log_verified'])}.`,
      '',
      `Verdict, computed by the soak: no errors (non-2xx answers, socket errors, errors in the hub's log): **${verdictOf(soak, 'no_errors')}**; memory flat (trend within ±${fmt(num(soak['memory_drift_limit_pct']))}% of the median): **${verdictOf(soak, 'memory_flat')}**; latency flat (p50 and p99 trends within ±${fmt(num(soak['latency_drift_limit_pct']))}% of their medians): **${verdictOf(soak, 'latency_flat')}**; latency not rising (neither trend above +${fmt(num(soak['latency_drift_limit_pct']))}%): **${verdictOf(soak, 'latency_not_rising')}**. Window to window, p50 followed the disk's mean WAL fsync (Pearson r ${correlationOf(soak, 'p50_vs_wal_fsync_ms')}) and the hypervisor's steal (r ${correlationOf(soak, 'p50_vs_steal_pct')}); bench/soak.md has every window.`,
    ].join('\n'),
    '',
    '## Bad input and attack',
    '',
    '| suite | scope | figures |',
    '|---|---|---|',
    ...['fuzz-hub-api', 'fuzz-data-plane', 'fuzz-npdb-api', 'token-attacks', 'request-attacks', 'access-attacks', 'security-posture'].flatMap((suite) =>
      rows.filter((r) => r.suite === suite).map((r) => {
        const entries = Object.entries(r).filter(([k]) => !['suite', 'scope', 'at'].includes(k));
        const plain = entries.filter(([k]) => !k.startsWith('code_')).map(([k, v]) => `${k.replaceAll('_', ' ')}: ${typeof v === 'number' ? fmt(v) : String(v)}`);
        const codes = entries.filter(([k]) => k.startsWith('code_')).sort((a, b) => num(b[1]) - num(a[1])).map(([k, v]) => `${k.slice(5)} ${fmt(num(v))}`);
        return line([suite, r.scope, plain.join('; ') + (codes.length === 0 ? '' : `; answers by code: ${codes.join(', ')}`)]);
      })),
    '',
    'Every fuzzed request is checked for: no 5xx from the hub (in the data-plane fuzz the 5xx counted above are all the test provider\'s own failures, answered with origin=provider and a PROVIDER_* code; the suite fails on any other), a problem document with a catalogued code for every error, no internal mark (stack frame, source path, SQL, driver or PostgreSQL error) and no secret in any answer, and no hang; on the data plane also one audit entry per exchange and no field outside the caller\'s grant. The SQL-injection sweep sends each injection string into every path, query and body parameter of every operation, then checks that every table is still there and every row that existed before is unchanged.',
    '',
    '**Quota across hub processes.** Each process enforces a grant\'s per-minute quota exactly on what it knows and learns the other processes\' admissions when its own next audit append returns. Measured:',
    '',
    quotaIn === undefined ? '- two hub instances in one test process: not run (needs PostgreSQL).' : `- two hub instances sharing PostgreSQL (packages/hub/test/access-attacks.test.ts), quota ${fmt(num(quotaIn['quota_per_minute']))}/min: a cold burst of ${fmt(num(quotaIn['cold_burst_requests']))} parallel calls admitted ${fmt(num(quotaIn['cold_burst_admitted']))}; ${fmt(num(quotaIn['alternating_requests']))} sequential calls alternating between the two admitted ${fmt(num(quotaIn['alternating_admitted']))}; a burst after the window was already known admitted ${fmt(num(quotaIn['warm_burst_admitted']))}.`,
    quotaProc === undefined ? '- two hub processes: not run.' : `- two hub processes (bench/faults/quota-across-processes.faults.ts), quota ${fmt(num(quotaProc['quota_per_minute']))}/min: a burst of ${fmt(num(quotaProc['burst_requests']))} calls over 64 connections admitted ${fmt(num(quotaProc['burst_admitted']))}; the shared counter in PostgreSQL recorded ${fmt(num(quotaProc['shared_counter']))}.`,
    '',
    'The bound, stated honestly: in one process the quota is exact, however many connections race. With P processes a window admits at most P × quota (a burst that reaches every process before any of them has appended), and sequential traffic at most quota + 1; the shared counter always records the true total, so an overrun is visible in the data and in the audit.',
    '',
    '## Dependency audit',
    '',
    audit.ran ? `\`npm audit --omit=dev\`: ${Object.entries(audit.counts).filter(([k]) => k !== 'total').map(([k, v]) => `${k} ${fmt(v)}`).join(', ') || 'no findings'} (total ${fmt(audit.counts['total'] ?? 0)}): ${audit.note}. The same check runs in .ci/run with \`--audit-level=high\`.` : `\`npm audit --omit=dev\` ${audit.note}.`,
    '',
    '## Defects these suites found, now fixed',
    '',
    'Each fix is its own commit and has a test beside it; the suites above keep them fixed.',
    '',
    '- **A PostgreSQL restart killed the hub process.** A pooled client held for LISTEN (or inside a transaction or COPY) emitted an unhandled `error` when its server went away. packages/db now watches checked-out clients and re-establishes LISTEN with backoff; the hub state reloads when it is back.',
    '- **Connections that never sent a byte were held forever** (Node\'s header and request timeouts never start for them). core `createServer` now closes them after 30 s.',
    '- **JSON nested 100,000 levels deep** (a few hundred kilobytes, under every size limit) **overflowed the stack**: a 500 in the control plane, and a hub 500 when a provider answered it. core refuses bodies nested deeper than 100 levels; the data plane answers such a provider PROVIDER_BAD_RESPONSE.',
    '- **Double-encoded traversal** (`%252e%252e`, `%252f`) in `/x/...` was forwarded as a literal segment, a traversal for any provider that decodes twice. The data plane now refuses it with PATH_INVALID.',
    '- **Audit accuracy:** a provider answer refused while its body was read (too large, cut off) was recorded with no provider status although the provider had answered. It is now recorded.',
    '- **Router and HTTP-parser errors** (malformed percent-encoding, an over-long path parameter, CR/LF or NUL in a header, oversized headers, a request that did not arrive in time) were answered with Fastify\'s own JSON, without problem+json, request id or security headers. core now answers them as RFC 9457 problems (new codes HEADERS_TOO_LARGE 431 and REQUEST_TIMEOUT 408).',
    '',
  ].join('\n');
}

await main();
