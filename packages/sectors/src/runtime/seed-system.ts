import { assertIdentifier, loadMigrations, migrate, type Db, type Migration } from '@ndxp/db';
import { DEFAULT_AS_OF, generatePopulation, Rng, type SyntheticPerson } from '@ndxp/synthetic';
import { personFacts, type PersonFacts } from '../population/person-facts.ts';
import type { DeriveContext, Rows, SectorSystem } from './sector-system.ts';

/** Which synthetic population a sectoral database holds. */
export interface PopulationSpec {
  readonly seed: string;
  /** Number of person records of the NPDB's population (the same count gives the same people). */
  readonly count: number;
  readonly asOf?: string;
}

/**
 * The migration every sectoral database starts with: a record of the population it was seeded
 * from, so a restart does not seed twice and a mismatch with the NPDB is visible.
 */
const SEED_RUNS: Migration = {
  version: 1,
  name: 'sector_seed_runs',
  sql: `CREATE TABLE sector_seed_runs (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seed        text NOT NULL,
  people      bigint NOT NULL,
  as_of       date NOT NULL,
  records     jsonb NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now()
);`,
};

/** The system's migrations after the common one (its files are numbered from 0001). */
export async function systemMigrations(system: SectorSystem): Promise<Migration[]> {
  const own = await loadMigrations(new URL('migrations/', system.directory));
  return [SEED_RUNS, ...own.map((m) => ({ ...m, version: m.version + 1 }))];
}

/** A person of the population with their position in it. */
export interface PopulationMember {
  readonly person: SyntheticPerson;
  readonly ordinal: number;
}

/** Every person of the population (each household's living members, then its deceased), in order. */
export function* peopleOf(spec: PopulationSpec): Generator<PopulationMember> {
  let ordinal = 0;
  for (const household of generatePopulation({ seed: spec.seed, count: spec.count, ...(spec.asOf === undefined ? {} : { asOf: spec.asOf }) })) {
    for (const person of household.members) yield { person, ordinal: ordinal++ };
    for (const person of household.deceased) yield { person, ordinal: ordinal++ };
  }
}

/**
 * Derive the rows of one person (pure: same seed, person and position, same rows). `facts` may be
 * passed in when several systems derive for the same person (they are the same for all).
 */
export function deriveRows(system: SectorSystem, member: PopulationMember, spec: PopulationSpec, facts?: PersonFacts): { rows: Rows; ctx: DeriveContext } {
  const asOf = spec.asOf ?? DEFAULT_AS_OF;
  const ctx: DeriveContext = {
    seed: spec.seed,
    asOf,
    ordinal: member.ordinal,
    facts: facts ?? personFacts(spec.seed, member.person, asOf, member.ordinal),
    rng: new Rng(spec.seed, system.planItem, member.person.personalId),
  };
  return { rows: system.derive(member.person, ctx), ctx };
}

/** COPY text format (PostgreSQL docs, "COPY … File Formats"): escape backslash, tab, newline, CR. */
function copyValue(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** A system and its database. */
export interface SystemDatabase {
  readonly system: SectorSystem;
  readonly db: Db;
}

/** What seeding did for one system. */
export interface SeedSummary {
  /** False when the database already held this population (nothing was loaded). */
  readonly seeded: boolean;
  readonly people: number;
  /** Rows per table. */
  readonly records: Readonly<Record<string, number>>;
}

/** People per COPY batch: bounds memory whatever the population size. */
const BATCH_PEOPLE = 50_000;

/**
 * Migrate each system's database and seed the ones that do not hold this population yet, in one
 * pass over the population: each person is generated once, their shared facts computed once, and
 * every pending system derives its rows from them. Rows are bulk-loaded with COPY in batches,
 * parents before children within a batch (a person's rows never span batches, so foreign keys
 * hold). The seed-run row is written last: an interrupted load is truncated and redone at the next
 * start.
 */
export async function prepareSystemDatabases(entries: readonly SystemDatabase[], spec: PopulationSpec): Promise<SeedSummary[]> {
  const asOf = spec.asOf ?? DEFAULT_AS_OF;
  const summaries: (SeedSummary | undefined)[] = [];
  const pending: { index: number; system: SectorSystem; db: Db; lines: Record<string, string[]>; records: Record<string, number> }[] = [];
  for (const [index, { system, db }] of entries.entries()) {
    await migrate(db, await systemMigrations(system));
    const done = await db.query<{ seed: string; people: number; records: Record<string, number> }>('SELECT seed, people, records FROM sector_seed_runs ORDER BY id DESC LIMIT 1');
    const last = done.rows[0];
    if (last !== undefined && last.seed === spec.seed && last.people === spec.count) {
      summaries[index] = { seeded: false, people: last.people, records: last.records };
      continue;
    }
    const tables = Object.keys(system.tables);
    // Children before parents when truncating: reverse load order.
    for (const t of [...tables].reverse()) await db.query(`TRUNCATE ${assertIdentifier(t)} CASCADE`);
    pending.push({ index, system, db, lines: Object.fromEntries(tables.map((t) => [t, []])), records: Object.fromEntries(tables.map((t) => [t, 0])) });
  }

  const flush = async () => {
    for (const p of pending) {
      for (const [table, cols] of Object.entries(p.system.tables)) {
        const lines = p.lines[table] ?? [];
        if (lines.length === 0) continue;
        p.records[table] = (p.records[table] ?? 0) + (await p.db.copyFrom(table, cols, lines));
        p.lines[table] = [];
      }
    }
  };
  if (pending.length > 0) {
    let inBatch = 0;
    for (const member of peopleOf(spec)) {
      const facts = personFacts(spec.seed, member.person, asOf, member.ordinal);
      for (const p of pending) {
        const { rows } = deriveRows(p.system, member, spec, facts);
        for (const [table, list] of Object.entries(rows)) {
          const cols = p.system.tables[table];
          const out = p.lines[table];
          if (cols === undefined || out === undefined) throw new Error(`${p.system.planItem}: derive produced rows for undeclared table ${table}`);
          for (const row of list) out.push(cols.map((c) => copyValue(row[c])).join('\t') + '\n');
        }
      }
      if (++inBatch >= BATCH_PEOPLE) {
        await flush();
        inBatch = 0;
      }
    }
    await flush();
  }
  for (const p of pending) {
    await p.db.query('INSERT INTO sector_seed_runs (seed, people, as_of, records) VALUES ($1, $2, $3, $4)', [spec.seed, spec.count, asOf, JSON.stringify(p.records)]);
    summaries[p.index] = { seeded: true, people: spec.count, records: p.records };
  }
  return summaries.map((x) => {
    if (x === undefined) throw new Error('unreachable: every system was either seeded or found seeded');
    return x;
  });
}

/** Migrate and seed one system's database (see {@link prepareSystemDatabases}). */
export async function prepareSystemDatabase(db: Db, system: SectorSystem, spec: PopulationSpec): Promise<SeedSummary> {
  const [summary] = await prepareSystemDatabases([{ system, db }], spec);
  if (summary === undefined) throw new Error('unreachable');
  return summary;
}
