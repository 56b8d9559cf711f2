/** SQLSTATE of a PostgreSQL error (both pg and PGlite errors carry `code`). */
function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `23505 unique_violation`: a concurrent insert won the race for the same key. */
export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';

/** `23503 foreign_key_violation`. */
export const isForeignKeyViolation = (error: unknown): boolean => sqlState(error) === '23503';
