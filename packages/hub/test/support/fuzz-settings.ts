/**
 * Fuzzing is scripted and repeatable: a fixed seed unless `NDXP_FUZZ_SEED` says otherwise (a
 * failure prints its seed and path, so any finding can be replayed), and a run count scaled by
 * `NDXP_FUZZ_SCALE` (the reliability report runs longer than `npm test`).
 */
export function fuzzSeed(): number {
  const s = Number(process.env['NDXP_FUZZ_SEED'] ?? 7);
  return Number.isInteger(s) ? s : 7;
}

/** `base` runs, scaled. */
export function fuzzRuns(base: number): number {
  const scale = Number(process.env['NDXP_FUZZ_SCALE'] ?? 1);
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
