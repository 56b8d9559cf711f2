import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where suites write the figures `npm run reliability:report` collects (scripts/reliability-report.ts
 * sets it to a fresh directory). Unset during a plain `npm test`: nothing is written then.
 */
export const FIGURES_DIR_ENV = 'NDXP_RELIABILITY_DIR';

/** Counters a suite measured, e.g. `{ requests: 812, inputs: 640 }`, per backend where relevant. */
export type Figures = Readonly<Record<string, number | string | boolean>>;

/**
 * Record what a suite actually did (inputs tried, requests sent, entries verified, faults
 * survived) so the reliability report shows measured numbers, never hand-written ones. Lines are
 * appended as JSON (one file per suite), so parallel workers never clobber each other.
 */
export function recordFigures(suite: string, scope: string, figures: Figures): void {
  const dir = process.env[FIGURES_DIR_ENV];
  if (dir === undefined || dir === '') return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `${suite}.jsonl`), JSON.stringify({ suite, scope, at: new Date().toISOString(), ...figures }) + '\n');
}

/** A tally that a suite fills as it goes and records at the end. */
export class Tally {
  readonly #counts = new Map<string, number>();
  add(name: string, n = 1): void {
    this.#counts.set(name, (this.#counts.get(name) ?? 0) + n);
  }
  get(name: string): number {
    return this.#counts.get(name) ?? 0;
  }
  toFigures(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }
}
