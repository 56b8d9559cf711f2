import type { LogProblem, LogProblemCode } from './log-problem.ts';

/**
 * Collects problems, keeping at most `cap` of each code (a log with a checkpoint per second can
 * produce tens of thousands of identical findings) while counting all of them.
 */
export class ProblemList {
  readonly problems: LogProblem[] = [];
  readonly counts: Partial<Record<LogProblemCode, number>> = {};
  readonly #cap: number;

  constructor(cap: number) {
    this.#cap = cap;
  }

  add(problem: LogProblem): void {
    const n = (this.counts[problem.code] ?? 0) + 1;
    this.counts[problem.code] = n;
    if (n <= this.#cap) this.problems.push(problem);
  }

  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + (b ?? 0), 0);
  }
}
