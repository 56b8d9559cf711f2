// CPU accounting for the benchmarks. On a machine shared with other work, requests per second
// move with everyone else's load; CPU time spent per request does not. Reads utime + stime of
// processes from /proc (PostgreSQL runs on this machine, so its backends are visible).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Queryable } from '@ndxp/db';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU milliseconds (user + system) a process has used so far; 0 once it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at the closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU ms (user + system) of this process's children that have ended and been waited for (the
 * kernel adds a child's total into its parent's `cutime`/`cstime` when it is reaped): the difference
 * across a short-lived child, such as one wrk run, is that child's whole CPU time.
 */
export function reapedChildrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
}

/** PostgreSQL backend PIDs of connections with this application_name. */
export async function backendPids(db: Queryable, applicationName: string): Promise<number[]> {
  const { rows } = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
  return rows.map((r) => r.pid);
}

/** CPU ms of a set of processes at one moment, by PID. */
export function snapshot(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((p) => [p, processCpuMs(p)]));
}

/**
 * CPU ms used between two snapshots; a process that appeared in between counts in full, one that
 * ended in between is left out (its last figures are gone with it).
 */
export function usedBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let ms = 0;
  for (const [pid, end] of after) ms += Math.max(0, end - (before.get(pid) ?? 0));
  return ms;
}

/** PIDs of every process whose command name (`/proc/<pid>/comm`) is `name`, e.g. all `postgres` processes. */
export function pidsOf(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone in the meantime
    }
  }
  return pids;
}
