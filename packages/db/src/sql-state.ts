/** SQLSTATE of a PostgreSQL error (both pg and PGlite errors carry `code`). */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `23505 unique_violation`: a concurrent insert won the race for the same key. */
export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';

/**
 * Rows refused because no partition of a partitioned table covers them: partition routing raises
 * `23514 check_violation` with "no partition of relation … found for row" (the message tells it
 * from a CHECK constraint, which shares the code).
 */
export function isMissingPartition(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return sqlState(error) === '23514' && typeof message === 'string' && message.startsWith('no partition of relation');
}
