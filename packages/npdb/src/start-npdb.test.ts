import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { NdxpError } from '@ndxp/core';
import { createScratchDatabase, dropScratchDatabase, testBackends, testPostgresUrl } from '@ndxp/db';
import { startNpdb } from './start-npdb.ts';
import { runSeedCommand } from './seed/run-seed-command.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Database settings for a fresh, empty database of this kind. */
async function freshDatabase(kind: string): Promise<Record<string, string>> {
  if (kind === 'postgres') {
    const admin = testPostgresUrl() as string;
    const url = await createScratchDatabase(admin);
    cleanups.push(() => dropScratchDatabase(admin, url));
    return { DATABASE_URL: url };
  }
  const dir = await mkdtemp(join(tmpdir(), 'npdb-start-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  // Parents that do not exist yet, as `.ndxp/npdb` on a first run.
  return { NDXP_DATA_DIR: join(dir, 'not-yet', 'npdb') };
}

describe.each(testBackends())('startNpdb on %s', (kind) => {
  it('migrates, seeds once, listens, and serves over real HTTP', async () => {
    const env = { ...(await freshDatabase(kind)), PORT: '0', NPDB_SEED_COUNT: '300', NPDB_SEED: 'start-test', LOG_LEVEL: 'silent' };
    const first = await startNpdb({ env });
    let second: Awaited<ReturnType<typeof startNpdb>> | undefined;
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ status: 'ok' });
      const c = (await first.db.query<{ personal_id: string; gender: string }>('SELECT personal_id, gender FROM citizens ORDER BY personal_id LIMIT 1')).rows[0];
      const res = await fetch(`${first.url}/v1/citizens/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personal_id: c?.personal_id, gender: c?.gender }) });
      expect(res.status).toBe(200);
      expect((await res.json()).fields).toEqual({ gender: 'match' });
      expect(res.headers.get('x-request-id')).toBeTruthy();
      await first.close();
      // A second start on the same database finds it seeded and does not seed again.
      second = await startNpdb({ env });
      const runs = await second.db.query<{ people: number }>('SELECT people FROM npdb_seed_runs');
      expect(runs.rows).toEqual([{ people: 300 }]);
      expect((await second.db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM citizens')).rows[0]?.n).toBe(300);
    } finally {
      await first.close().catch(() => undefined);
      await second?.close();
    }
  });

  it('runs the seed command with a progress bar, into an empty database', async () => {
    const db = await freshDatabase(kind);
    const out: string[] = [];
    const stream = new Writable({ write(chunk, _e, cb) { out.push(String(chunk)); cb(); } });
    const result = await runSeedCommand({ databaseUrl: db['DATABASE_URL'], dataDir: db['NDXP_DATA_DIR'], count: 700, seed: 'command-test', stream });
    expect(result.people).toBe(700);
    expect(result.households).toBeGreaterThan(100);
    expect(result.peoplePerSecond).toBeGreaterThan(0);
    expect(out.join('')).toContain('seeded 700 people');
    // The second run on the same database refuses rather than duplicating people.
    await expect(runSeedCommand({ databaseUrl: db['DATABASE_URL'], dataDir: db['NDXP_DATA_DIR'], count: 10, seed: 'x', stream })).rejects.toThrow(/already holds citizens/);
  });
});

describe('startNpdb configuration', () => {
  it('fails fast on invalid settings, naming them', async () => {
    const err = await startNpdb({ env: { PORT: 'eighty', NPDB_SEED_COUNT: '-5' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NdxpError);
    expect((err as NdxpError).code).toBe('CONFIG_INVALID');
    expect((err as NdxpError).message).toMatch(/PORT[\s\S]*NPDB_SEED_COUNT/);
  });
});
