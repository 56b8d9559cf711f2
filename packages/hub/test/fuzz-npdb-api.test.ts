import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fixedClock, type HttpServer } from '@ndxp/core';
import { openTestDatabase, testBackends, type Db } from '@ndxp/db';
import { buildNpdbApp, migrateNpdb, npdbOpenApiDocument, seedPopulation } from '@ndxp/npdb';
import { recordFigures, Tally } from './support/figures.ts';
import { fuzzRuns, fuzzSeed } from './support/fuzz-settings.ts';
import { operationsOf, requestsFor, type Operation } from './support/openapi-arbitraries.ts';
import { problemsWith, within } from './support/response-checks.ts';

/**
 * Property-based fuzzing of the reference NPDB service, generated from `npdbOpenApiDocument()`:
 * every operation, with bodies, path parameters, query strings and headers drawn from its schemas
 * (mostly valid, so they reach the handlers and PostgreSQL, with hostile leaves). This is a
 * cross-cutting suite: the NPDB is the hub's first provider and sits behind it, but it must hold on
 * its own (its `/v1` guard is the SDK's `hubGuard`, tested in packages/sdk; here it is left off so
 * every request reaches the handlers).
 *
 * Properties: never a 5xx, never a hang, every error RFC 9457 with a catalogued code, nothing
 * internal in any answer; the registry is intact afterwards.
 */
describe.each(testBackends())('fuzzing the NPDB API on %s', (kind) => {
  let db: Db;
  let app: HttpServer;
  let ops: Operation[];
  let known: Record<string, string[]>;
  let citizens: number;
  let corpus = '';
  const tally = new Tally();

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await migrateNpdb(db);
    await seedPopulation(db, { count: 300, seed: 'fuzz', asOf: '2026-07-01' });
    app = buildNpdbApp({ db, clock: fixedClock('2026-07-15T03:00:00Z') });
    await app.ready();
    ops = operationsOf(await npdbOpenApiDocument());
    const ids = await db.query<{ personal_id: string; household_id: string | null }>('SELECT personal_id, household_id FROM citizens ORDER BY personal_id LIMIT 5');
    known = { personal_id: ids.rows.map((r) => r.personal_id), household_id: ids.rows.flatMap((r) => (r.household_id === null ? [] : [r.household_id])) };
    citizens = Number((await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM citizens')).rows[0]!.n);
  });
  afterAll(async () => {
    recordFigures('fuzz-npdb-api', kind, { operations: ops?.length ?? 0, ...tally.toFigures() });
    await app?.close();
    await db?.close();
  });

  it('covers every documented operation', () => {
    expect(ops.map((o) => `${o.method} ${o.path}`).sort()).toEqual([
      'GET /v1/changes', 'GET /v1/citizens/{personal_id}', 'GET /v1/households/{household_id}',
      'POST /v1/citizens/verify', 'POST /v1/citizens/verify-batch', 'POST /v1/citizens/{personal_id}/documents',
    ]);
  });

  it('never answers 5xx, hangs or leaks, whatever the input', async () => {
    for (const op of ops) {
      await fc.assert(fc.asyncProperty(requestsFor(op, { known, authorizations: [undefined] }), async (req) => {
        corpus += `${req.url}\n${JSON.stringify(req.headers)}\n${req.payload ?? ''}\n`;
        tally.add('requests');
        tally.add('inputs');
        const res = await within(15_000, `${req.method} ${req.url}`, () => app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.payload === undefined ? {} : { payload: req.payload }) }));
        tally.add(`status_${Math.floor(res.statusCode / 100)}xx`);
        expect(problemsWith({ statusCode: res.statusCode, headers: res.headers, body: res.body }, corpus), `${req.method} ${req.url} ${req.payload?.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`).toEqual([]);
      }), { numRuns: fuzzRuns(kind === 'pglite' ? 60 : 40), seed: fuzzSeed(), endOnFailure: true });
    }
    expect(tally.get('status_2xx')).toBeGreaterThan(0);
  });

  it('is intact afterwards', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect(Number((await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM citizens')).rows[0]!.n)).toBe(citizens);
  });
});
