/**
 * Soak (issue 7): the hub at 70% of its measured peak for 10 minutes, on its own PostgreSQL.
 * Memory must stay flat, latency must stay flat, and there must be no errors; afterwards every
 * entry is in the log and the log verifies.
 *
 * 1. a private PostgreSQL (initdb in a temp dir), one hub process on it, a provider behind
 *    hubGuard, everything registered through the hub's API;
 * 2. peak: wrk, closed loop, `SOAK_CONNECTIONS` connections for `SOAK_PEAK_SECONDS`;
 * 3. soak: wrk at 70% of that rate, in one-minute windows back to back for `SOAK_MINUTES`; after
 *    each window the hub's resident memory (from /proc) and the window's latency percentiles;
 * 4. the log: dense, the size equal to the requests wrk saw answered, `ndxp log verify` passes.
 *
 * Needs wrk and PostgreSQL 15 binaries (Debian). Writes bench/results/soak.json and bench/soak.md.
 * Run: `npx tsx bench/soak.bench.ts` (about 12 minutes).
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres } from '@ndxp/db';
import { accessToken, CALL_PATH, logDensity, PURPOSE, registerPlatform, startHubChild, verifyLogOf, waitForCheckpoint } from './faults/support/cluster.ts';
import { createDatabase, startPrivatePostgres } from './faults/support/private-postgres.ts';
import { machine } from './lib/machine.ts';
import { runWrk, type WrkResult } from './lib/wrk.ts';

const MINUTES = Number(process.env['SOAK_MINUTES'] ?? 10);
const PEAK_SECONDS = Number(process.env['SOAK_PEAK_SECONDS'] ?? 20);
const CONNECTIONS = Number(process.env['SOAK_CONNECTIONS'] ?? 32);
const LOAD = Number(process.env['SOAK_LOAD'] ?? 0.7);

interface Window extends WrkResult {
  readonly minute: number;
  /** The rate asked of wrk for this window (see the feedback loop below). */
  readonly asked_rate: number;
  readonly hub_rss_mb: number;
}

const pgServer = await startPrivatePostgres();
const url = await createDatabase(pgServer, 'hub');
// Tokens live an hour here (the maximum): wrk replays one token for the whole run.
const hub = await startHubChild(url, { NDXP_HUB_TOKEN_TTL_S: '3600', NDXP_LOG_INTERVAL_MS: '1000' });
const reg = await registerPlatform(hub.url);
const db = await openPostgres({ url, max: 2 });
// Interrupted (Ctrl-C): still stop the hub and the private PostgreSQL, and delete its files.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (async () => {
      await hub.stop().catch(() => undefined);
      await pgServer.destroy().catch(() => undefined);
      process.exit(130);
    })();
  });
}
try {
  const token = await accessToken(hub.url, reg);
  const requests = [{ method: 'GET' as const, path: CALL_PATH, headers: { authorization: `Bearer ${token}`, 'x-ndxp-purpose': PURPOSE } }];
  const check = await fetch(hub.url + CALL_PATH, { headers: requests[0]!.headers });
  if (check.status !== 200) throw new Error(`the hub answered ${check.status}: ${await check.text()}`);

  await runWrk({ baseUrl: hub.url, requests, connections: CONNECTIONS, durationSeconds: 5 });
  const peak = await runWrk({ baseUrl: hub.url, requests, connections: CONNECTIONS, durationSeconds: PEAK_SECONDS });
  const rate = Math.max(10, Math.round(peak.rps * LOAD));
  console.log(`peak ${peak.rps} req/s (p99 ${peak.p99_ms} ms); soaking at ${rate} req/s for ${MINUTES} min`);
  const rssStart = hub.rssMb();
  const windows: Window[] = [];
  // wrk paces each connection with a fixed delay after every answer, so the rate it reaches is
  // below the one asked for by the latency; each window corrects the next one's request by what the
  // last one achieved (a plain feedback loop), so the load settles at the target.
  let asked = rate;
  for (let minute = 1; minute <= MINUTES; minute++) {
    const r = await runWrk({ baseUrl: hub.url, requests, connections: CONNECTIONS, durationSeconds: 60, rate: asked });
    const w = { minute, asked_rate: asked, ...r, hub_rss_mb: hub.rssMb() };
    windows.push(w);
    console.log(`minute ${minute}: asked ${asked}, got ${r.rps} req/s  p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  non-2xx ${r.non2xx}  socket errors ${r.socket_errors}  rss ${w.hub_rss_mb} MB`);
    if (r.rps > 0) asked = Math.round(Math.min(4 * rate, Math.max(rate, asked * (rate / r.rps))));
  }

  // The log: every answered request has its entry, dense, and it verifies end to end.
  const density = await logDensity(db);
  await waitForCheckpoint(hub.url, density.size, 120_000);
  const statePath = join(await mkdtemp(join(tmpdir(), 'ndxp-soak-')), 'state.json');
  const verified = await verifyLogOf(hub.url, statePath);

  const first = windows.slice(0, Math.max(1, Math.floor(windows.length / 3)));
  const last = windows.slice(-Math.max(1, Math.floor(windows.length / 3)));
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const round = (x: number): number => Math.round(x * 100) / 100;
  const soakRequests = windows.reduce((a, w) => a + w.requests, 0);
  const m = machine();
  const result = {
    cores: m.cores, cpu: m.cpu, node: m.node, connections: CONNECTIONS, minutes: MINUTES, load_fraction: LOAD,
    peak_rps: peak.rps, peak_p99_ms: peak.p99_ms, soak_rate: rate,
    soak_requests: soakRequests, achieved_rps_mean: round(mean(windows.map((w) => w.rps))), soak_non2xx: windows.reduce((a, w) => a + w.non2xx, 0), soak_socket_errors: windows.reduce((a, w) => a + w.socket_errors, 0),
    rss_mb_start: rssStart, rss_mb_end: windows.at(-1)?.hub_rss_mb ?? 0, rss_mb_max: Math.max(...windows.map((w) => w.hub_rss_mb)),
    rss_growth_first_to_last_third_pct: round(((mean(last.map((w) => w.hub_rss_mb)) - mean(first.map((w) => w.hub_rss_mb))) / mean(first.map((w) => w.hub_rss_mb))) * 100),
    p50_ms_first_third: round(mean(first.map((w) => w.p50_ms))), p50_ms_last_third: round(mean(last.map((w) => w.p50_ms))),
    p99_ms_first_third: round(mean(first.map((w) => w.p99_ms))), p99_ms_last_third: round(mean(last.map((w) => w.p99_ms))),
    log_size: density.size, log_dense: density.dense, log_verified: verified.ok, entries_verified: verified.result.entriesChecked, checkpoints_verified: verified.result.checkpointsVerified,
    windows,
  };
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(new URL('./results/soak.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
  const md = [
    '# Soak: the hub at 70% of peak for 10 minutes',
    '',
    `Generated by \`npx tsx bench/soak.bench.ts\` (figures in \`bench/results/soak.json\`). Machine: ${m.cores} cores, ${m.cpu}, Node ${m.node}; shared with other work while it ran, so absolute figures are modest; what matters is the trend.`,
    '',
    `- Peak (closed loop, ${CONNECTIONS} connections, ${PEAK_SECONDS} s): **${peak.rps} req/s**, p99 ${peak.p99_ms} ms.`,
    `- Soak: target **${rate} req/s** (${Math.round(LOAD * 100)}% of peak), achieved ${result.achieved_rps_mean} req/s on average over ${MINUTES} minutes: ${soakRequests} requests, **${result.soak_non2xx} non-2xx, ${result.soak_socket_errors} socket errors**.`,
    `- Memory (hub RSS): ${rssStart} MB before, ${result.rss_mb_end} MB at the end, at most ${result.rss_mb_max} MB; last third vs first third: ${result.rss_growth_first_to_last_third_pct}%.`,
    `- Latency: p50 ${result.p50_ms_first_third} → ${result.p50_ms_last_third} ms, p99 ${result.p99_ms_first_third} → ${result.p99_ms_last_third} ms (first third → last third of the windows).`,
    `- Log: ${density.size} entries, dense: ${density.dense}, verified by \`ndxp log verify\`: ${verified.ok} (${verified.result.entriesChecked} entries, ${verified.result.checkpointsVerified} checkpoints).`,
    '',
    '| minute | asked req/s | got req/s | p50 ms | p99 ms | max ms | non-2xx | socket errors | hub RSS MB |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...windows.map((w) => `| ${w.minute} | ${w.asked_rate} | ${w.rps} | ${w.p50_ms} | ${w.p99_ms} | ${w.max_ms} | ${w.non2xx} | ${w.socket_errors} | ${w.hub_rss_mb} |`),
    '',
    'wrk is closed-loop; the offered rate is approximated with a per-connection delay (corrected window by window), which does not correct for coordinated omission (a stall shows as fewer requests rather than as latency).',
    '',
  ].join('\n');
  await writeFile(new URL('./soak.md', import.meta.url), md);
  console.log(md);
} finally {
  await db.close().catch(() => undefined);
  await hub.stop();
  await reg.provider.close();
  await pgServer.destroy();
}
