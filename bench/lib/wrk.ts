import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One HTTP request wrk repeats. */
export interface WrkRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface WrkOptions {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  readonly baseUrl: string;
  /** Requests to cycle through (round-robin per connection). */
  readonly requests: readonly WrkRequest[];
  readonly connections: number;
  readonly threads?: number;
  readonly durationSeconds: number;
  /**
   * Target total request rate (open-loop pacing). Each wrk thread keeps a schedule of send slots
   * `threads / rate` seconds apart; a connection that becomes free waits (wrk's `delay()` hook)
   * until the next unclaimed slot. The schedule is anchored to the clock, not to answers, so slow
   * answers do not lower the offered rate as long as a connection is free; when every connection
   * is busy past its slot, the send is late and is counted in `late_sends` / `max_lag_ms` (the
   * generator could not hold the schedule there, and latency alone would understate the wait).
   * Give enough connections that `connections / rate` exceeds the latency you expect.
   */
  readonly rate?: number;
}

export interface WrkResult {
  readonly requests: number;
  readonly rps: number;
  readonly p50_ms: number;
  readonly p90_ms: number;
  readonly p99_ms: number;
  readonly max_ms: number;
  readonly non2xx: number;
  readonly socket_errors: number;
  /** Paced runs only: sends more than 2 ms behind their slot, and the largest lag. */
  readonly late_sends: number;
  readonly max_lag_ms: number;
}

const luaString = (s: string): string => JSON.stringify(s).replace(/\\u([0-9a-f]{4})/gi, (_m, h: string) => `\\u{${h}}`);

function script(requests: readonly WrkRequest[], intervalMs: number | undefined): string {
  const reqs = requests
    .map((r) => {
      const headers = Object.entries(r.headers ?? {}).map(([k, v]) => `[${luaString(k)}]=${luaString(v)}`).join(',');
      return `wrk.format(${luaString(r.method)}, ${luaString(r.path)}, {${headers}}, ${r.body === undefined ? 'nil' : luaString(r.body)})`;
    })
    .join(',\n  ');
  return `
local threads = {}
function setup(thread) table.insert(threads, thread) end
local reqs = nil
local i = 0
non2xx = 0 -- a global: done() reads it from each thread with t:get(), which sees no locals
function init(args)
  reqs = {
  ${reqs}
  }
end
function request()
  i = i + 1
  if i > #reqs then i = 1 end
  return reqs[i]
end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
${intervalMs === undefined ? '' : pacing(intervalMs)}
late_sends = 0
max_lag = 0
function done(summary, latency, requests)
  local bad, late, lag = 0, 0, 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
    late = late + (t:get("late_sends") or 0)
    lag = math.max(lag, t:get("max_lag") or 0)
  end
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"non2xx":%d,"socket_errors":%d,"late_sends":%d,"max_lag_us":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, bad,
    e.connect + e.read + e.write + e.timeout, late, lag * 1000))
end
`;
}

/**
 * The pacing hooks: a per-thread schedule of send slots `intervalMs` apart on the monotonic clock
 * (LuaJIT's FFI to clock_gettime; wrk's Lua has no clock of its own). wrk takes `delay()` in whole
 * milliseconds, so a send may leave up to 1 ms early; the schedule itself never drifts.
 */
function pacing(intervalMs: number): string {
  return `
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } ndxp_timespec;
int clock_gettime(int clk, ndxp_timespec *tp);
]]
local ts = ffi.new("ndxp_timespec")
local function now_ms() ffi.C.clock_gettime(1, ts); return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6 end
local interval = ${intervalMs.toFixed(6)}
local slot = nil
function delay()
  local now = now_ms()
  if slot == nil then slot = now + math.random() * interval else slot = slot + interval end
  local wait = slot - now
  if wait < -2 then
    late_sends = late_sends + 1
    if -wait > max_lag then max_lag = -wait end
  end
  if wait <= 0 then return 0 end
  return math.floor(wait)
end
`;
}

/** Run wrk once and return its figures. Throws if wrk fails or prints nothing parseable. */
export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const dir = await mkdtemp(join(tmpdir(), 'ndxp-wrk-'));
  const file = join(dir, 'script.lua');
  const threads = options.threads ?? 1;
  const interval = options.rate === undefined ? undefined : (threads * 1000) / options.rate;
  await writeFile(file, script(options.requests, interval));
  const args = ['-t', String(threads), '-c', String(options.connections), '-d', `${options.durationSeconds}s`, '--timeout', '10s', '-s', file, options.baseUrl];
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`))));
  });
  const line = out.split('\n').find((l) => l.startsWith('WRKJSON '));
  if (line === undefined) throw new Error(`wrk printed no result: ${out}`);
  const r = JSON.parse(line.slice(8)) as Record<string, number>;
  const ms = (us: number | undefined): number => Math.round(((us ?? 0) / 1000) * 1000) / 1000;
  const requests = r['requests'] ?? 0;
  return {
    requests,
    rps: Math.round((requests / ((r['duration_us'] ?? 1) / 1e6)) * 10) / 10,
    p50_ms: ms(r['p50_us']),
    p90_ms: ms(r['p90_us']),
    p99_ms: ms(r['p99_us']),
    max_ms: ms(r['max_us']),
    non2xx: r['non2xx'] ?? 0,
    socket_errors: r['socket_errors'] ?? 0,
    late_sends: r['late_sends'] ?? 0,
    max_lag_ms: ms(r['max_lag_us']),
  };
}
