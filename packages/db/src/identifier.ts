const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/;

/**
 * Identifiers (table, column, channel names) cannot be bound as `$n` parameters. The few places
 * that must put one into SQL text accept only plain lower-case names from code, never input.
 */
export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid SQL identifier: ${JSON.stringify(name)}`);
  return name;
}
