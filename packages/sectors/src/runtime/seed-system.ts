import { assertIdentifier, loadMigrations, migrate, type Db, type Migration } from '@ndxp/db';
import { DEFAULT_AS_OF, generatePopulation, Rng, type SyntheticPerson } from '@ndxp/synthetic';
import { personFacts } from '../population/person-facts.ts';
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

/** Derive the rows of one person (pure: same seed, person and position, same rows). */
export function deriveRows(system: SectorSystem, member: PopulationMember, spec: PopulationSpec): { rows: Rows; ctx: DeriveContext } {
  const asOf = spec.asOf ?? DEFAULT_AS_OF;
  const ctx: DeriveContext = {
    seed: spec.seed,
    asOf,
    ordinal: member.ordinal,
    facts: personFacts(spec.seed, member.person, asOf, member.ordinal),
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

/**
 * Migrate the system's database and seed it from the population, once. Records are derived
 * person by person and bulk-loaded with COPY, table by table, in one transaction-free pass (the
 * seed run row is written last, so an interrupted load is redone from scratch on the next start
 * after truncating).
 */
export async function prepareSystemDatabase(db: Db, system: SectorSystem, spec: PopulationSpec): Promise<{ seeded: boolean; people: number; records: Record<string, number> }> {
  await migrate(db, await systemMigrations(system));
  const asOf = spec.asOf ?? DEFAULT_AS_OF;
  const done = await db.query<{ seed: string; people: number; records: Record<string, number> }>('SELECT seed, people, records FROM sector_seed_runs ORDER BY id DESC LIMIT 1');
  const last = done.rows[0];
  if (last !== undefined && last.seed === spec.seed && last.people === spec.count) return { seeded: false, people: last.people, records: last.records };

  const tables = Object.keys(system.tables);
  // Children before parents when truncating: reverse load order.
  for (const t of [...tables].reverse()) await db.query(`TRUNCATE ${assertIdentifier(t)} CASCADE`);
  const lines: Record<string, string[]> = Object.fromEntries(tables.map((t) => [t, []]));
  for (const member of peopleOf(spec)) {
    const { rows } = deriveRows(system, member, spec);
    for (const [table, list] of Object.entries(rows)) {
      const cols = system.tables[table];
      const out = lines[table];
      if (cols === undefined || out === undefined) throw new Error(`${system.planItem}: derive produced rows for undeclared table ${table}`);
      for (const row of list) out.push(cols.map((c) => copyValue(row[c])).join('\t') + '\n');
    }
  }
  const records: Record<string, number> = {};
  for (const t of tables) records[t] = await db.copyFrom(t, system.tables[t] ?? [], lines[t] ?? []);
  await db.query('INSERT INTO sector_seed_runs (seed, people, as_of, records) VALUES ($1, $2, $3, $4)', [spec.seed, spec.count, asOf, JSON.stringify(records)]);
  return { seeded: true, people: spec.count, records };
}
