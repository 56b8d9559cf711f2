import type { Queryable } from '@ndxp/db';
import type { StoredIdentity } from './compare-identity.ts';

/** The identity fields verification compares, for several personal IDs at once. */
export async function readIdentities(db: Queryable, personalIds: readonly string[]): Promise<Map<string, StoredIdentity>> {
  const { rows } = await db.query<StoredIdentity & { personal_id: string }>(
    personalIds.length === 1
      ? 'SELECT personal_id, full_name, date_of_birth, gender, date_of_death FROM citizens WHERE personal_id = $1'
      : 'SELECT personal_id, full_name, date_of_birth, gender, date_of_death FROM citizens WHERE personal_id = ANY($1::text[])',
    [personalIds.length === 1 ? personalIds[0] : [...personalIds]],
  );
  return new Map(rows.map((r) => [r.personal_id, r]));
}
