import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, validatePersonalId } from '@ndxp/core';
import { openTestDatabase, testBackends, type Db } from '@ndxp/db';
import { migrateNpdb } from '../migrate-npdb.ts';
import { recoverInterruptedLoad, seedPopulation, type SeedProgress } from './seed-population.ts';
import { dropForBulkLoad } from './deferred-ddl.ts';

const COUNT = 8000;
const AS_OF = '2026-07-01';

/** Every key, foreign key and index of the NPDB tables, as PostgreSQL describes them. */
async function schemaSnapshot(db: Db): Promise<string[]> {
  const c = await db.query<{ d: string }>(
    `SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS d FROM pg_constraint
      WHERE conrelid::regclass::text IN ('households', 'citizens', 'citizen_changes', 'citizen_documents') ORDER BY 1`,
  );
  const i = await db.query<{ d: string }>(
    `SELECT indexdef AS d FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('households', 'citizens', 'citizen_changes', 'citizen_documents') ORDER BY 1`,
  );
  return [...c.rows, ...i.rows].map((r) => r.d);
}

const count = async (db: Db, sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]?.n ?? -1;

describe.each(testBackends())('seedPopulation on %s', (kind) => {
  let db: Db;
  let before: string[];
  const progress: SeedProgress[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await migrateNpdb(db);
    before = await schemaSnapshot(db);
    await seedPopulation(db, { count: COUNT, seed: 'seed-tests', asOf: AS_OF, batchSize: 3000, onProgress: (p) => progress.push(p), clock: fixedClock('2026-07-02T00:00:00Z') });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('loads exactly the requested people, their households, and records the run', async () => {
    expect(await count(db, 'SELECT count(*)::int8 AS n FROM citizens')).toBe(COUNT);
    const households = await count(db, 'SELECT count(*)::int8 AS n FROM households');
    expect(households).toBe(await count(db, 'SELECT count(DISTINCT household_id)::int8 AS n FROM citizens'));
    const living = await count(db, 'SELECT count(*)::int8 AS n FROM citizens WHERE date_of_death IS NULL');
    expect(living / households).toBeGreaterThan(3.2);
    expect(living / households).toBeLessThan(3.8);
    const runs = (await db.query<{ seed: string; people: number; as_of: string }>('SELECT seed, people, as_of FROM npdb_seed_runs')).rows;
    expect(runs).toEqual([{ seed: 'seed-tests', people: COUNT, as_of: AS_OF }]);
  });

  it('recreates every key, foreign key and index exactly as the migration defined them', async () => {
    expect(await schemaSnapshot(db)).toEqual(before);
    expect(before.some((d) => d.includes('citizens_pkey'))).toBe(true);
    expect(before.some((d) => d.includes('citizens_father_fk'))).toBe(true);
    expect(await count(db, 'SELECT count(*)::int8 AS n FROM npdb_deferred_ddl')).toBe(0);
  });

  it('gives every citizen a personal ID valid for their birth province, gender and date of birth', async () => {
    const { rows } = await db.query<{ personal_id: string; gender: 'male' | 'female'; date_of_birth: string; birth_registration_province: string }>(
      'SELECT personal_id, gender, date_of_birth, birth_registration_province FROM citizens',
    );
    for (const r of rows) {
      expect(validatePersonalId(r.personal_id, { gender: r.gender, dateOfBirth: r.date_of_birth }).ok, r.personal_id).toBe(true);
      expect(r.personal_id.slice(0, 3)).toBe(r.birth_registration_province);
    }
    expect(new Set(rows.map((r) => r.personal_id)).size).toBe(COUNT);
  });

  it('keeps parents older than their children (fathers 20+, mothers 18+ at the birth)', async () => {
    expect(await count(db, 'SELECT count(*)::int8 AS n FROM citizens c JOIN citizens f ON f.personal_id = c.father_id')).toBeGreaterThan(COUNT / 4);
    expect(await count(db, `SELECT count(*)::int8 AS n FROM citizens c JOIN citizens f ON f.personal_id = c.father_id
                              WHERE f.date_of_birth + interval '20 years' > c.date_of_birth OR f.gender <> 'male'`)).toBe(0);
    expect(await count(db, `SELECT count(*)::int8 AS n FROM citizens c JOIN citizens m ON m.personal_id = c.mother_id
                              WHERE m.date_of_birth + interval '18 years' > c.date_of_birth OR m.gender <> 'female'`)).toBe(0);
  });

  it('marries only people of legal age on the wedding day, in symmetric pairs', async () => {
    expect(await count(db, 'SELECT count(*)::int8 AS n FROM citizens c JOIN citizens s ON s.personal_id = c.spouse_id')).toBeGreaterThan(COUNT / 4);
    expect(await count(db, `SELECT count(*)::int8 AS n FROM citizens c JOIN citizens s ON s.personal_id = c.spouse_id
                              WHERE s.spouse_id IS DISTINCT FROM c.personal_id OR s.married_on IS DISTINCT FROM c.married_on OR s.gender = c.gender
                                 OR c.married_on < c.date_of_birth + CASE c.gender WHEN 'male' THEN interval '20 years' ELSE interval '18 years' END`)).toBe(0);
  });

  it('gives every household exactly one head, the one it names', async () => {
    expect(await count(db, `SELECT count(*)::int8 AS n FROM (SELECT household_id FROM citizens WHERE household_id IS NOT NULL
                              GROUP BY household_id HAVING count(*) FILTER (WHERE relationship_to_head = 'head') <> 1) x`)).toBe(0);
    expect(await count(db, `SELECT count(*)::int8 AS n FROM households h JOIN citizens c ON c.personal_id = h.head_personal_id
                              WHERE c.household_id = h.household_id AND c.relationship_to_head = 'head'`)).toBe(await count(db, 'SELECT count(*)::int8 AS n FROM households'));
  });

  it('has roughly the real shares of Vietnamese family names among the Kinh', async () => {
    const { rows } = await db.query<{ surname: string; share: string }>(
      `SELECT split_part(full_name, ' ', 1) AS surname, (count(*)::float8 / sum(count(*)) OVER ())::text AS share
         FROM citizens WHERE ethnicity_code = '01' GROUP BY 1`,
    );
    const share = new Map(rows.map((r) => [r.surname, Number(r.share)]));
    expect(share.get('Nguyễn')).toBeGreaterThan(0.33);
    expect(share.get('Nguyễn')).toBeLessThan(0.44);
    expect(share.get('Trần')).toBeGreaterThan(0.07);
    expect(share.get('Lê')).toBeGreaterThan(0.06);
  });

  it('fills the change feed with the last year\'s events, each consistent with the record', async () => {
    const { rows } = await db.query<{ kind: string; occurred_on: string; dob: string; dod: string | null; married_on: string | null; temporary_since: string | null }>(
      `SELECT ch.kind, ch.occurred_on, c.date_of_birth AS dob, c.date_of_death AS dod, c.married_on, c.temporary_since
         FROM citizen_changes ch JOIN citizens c USING (personal_id) ORDER BY ch.seq`,
    );
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['birth', 'death', 'move', 'marriage']));
    for (const r of rows) {
      expect(r.occurred_on >= '2025-07-01' && r.occurred_on < AS_OF).toBe(true);
      const expected = { birth: r.dob, death: r.dod, marriage: r.married_on, move: r.temporary_since }[r.kind];
      expect(r.occurred_on).toBe(expected);
    }
  });

  it('reported progress up to the total, then done', () => {
    const people = progress.filter((p) => p.phase === 'loading').map((p) => p.people);
    expect(people.length).toBeGreaterThan(2);
    for (let i = 1; i < people.length; i++) expect(people[i]).toBeGreaterThanOrEqual(people[i - 1] as number);
    expect(progress.some((p) => p.phase === 'indexing' && p.step === 'citizens_pkey')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', people: COUNT, total: COUNT });
  });

  it('refuses to seed a database that already holds citizens, changing nothing', async () => {
    await expect(seedPopulation(db, { count: 10, seed: 'again' })).rejects.toThrow(/already holds citizens/);
    expect(await count(db, 'SELECT count(*)::int8 AS n FROM citizens')).toBe(COUNT);
    expect(await schemaSnapshot(db)).toEqual(before);
  });

  it('repairs a load interrupted after its keys were dropped', async () => {
    await dropForBulkLoad(db);
    expect(await schemaSnapshot(db)).not.toEqual(before);
    expect(await recoverInterruptedLoad(db)).toBe(true);
    expect(await schemaSnapshot(db)).toEqual(before);
    expect(await count(db, 'SELECT count(*)::int8 AS n FROM citizens')).toBe(0);
    expect(await recoverInterruptedLoad(db)).toBe(false);
  });

  it('removes a partial population and restores the keys when loading fails', async () => {
    let calls = 0;
    const failing: Db = {
      ...db,
      // Fault injection on a real database: the third COPY fails part-way through the load.
      copyFrom: async (table, columns, rows) => {
        if (++calls === 3) throw new Error('injected COPY failure');
        return db.copyFrom(table, columns, rows);
      },
    };
    await expect(seedPopulation(failing, { count: 3000, seed: 'fails', batchSize: 1000 })).rejects.toThrow('injected COPY failure');
    expect(calls).toBe(3);
    expect(await count(db, 'SELECT count(*)::int8 AS n FROM citizens')).toBe(0);
    expect(await count(db, 'SELECT count(*)::int8 AS n FROM households')).toBe(0);
    expect(await schemaSnapshot(db)).toEqual(before);
    // And the database can be seeded afterwards.
    expect((await seedPopulation(db, { count: 500, seed: 'after-failure' })).people).toBe(500);
  });
});
