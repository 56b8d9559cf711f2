import type { Queryable } from '@ndxp/db';
import { addressOf, type AddressView } from './reference-names.ts';
import { readHouseholdSummary, type HouseholdSummary } from './read-citizen.ts';

export interface HouseholdView extends HouseholdSummary {
  readonly residence_file_number: string;
  readonly registered_on: string;
  readonly address: AddressView;
}

/** A household with its address, head and members; `undefined` if there is none with this ID. */
export async function readHousehold(db: Queryable, householdId: string): Promise<HouseholdView | undefined> {
  const [h, summary] = await Promise.all([
    db.query<{ ward_code: string; address_line: string; residence_file_number: string; registered_on: string }>(
      'SELECT ward_code, address_line, residence_file_number, registered_on FROM households WHERE household_id = $1',
      [householdId],
    ),
    readHouseholdSummary(db, householdId),
  ]);
  const row = h.rows[0];
  if (row === undefined) return undefined;
  return { ...summary, residence_file_number: row.residence_file_number, registered_on: row.registered_on, address: addressOf(row.ward_code, row.address_line) };
}
