import type { Queryable } from '@ndxp/db';
import type { CitizenFieldName } from '../fields/citizen-fields.ts';
import { projectValue, type FieldSelection } from '../fields/field-selection.ts';
import { addressOf, ethnicityOf, idProvinceOf, religionOf } from './reference-names.ts';

/** Columns of `citizens` each field reads. Fixed text: request input never reaches SQL. */
const COLUMNS: Readonly<Record<CitizenFieldName, readonly string[]>> = {
  personal_id: [],
  full_name: ['full_name'],
  other_names: ['other_names'],
  date_of_birth: ['date_of_birth'],
  gender: ['gender'],
  place_of_birth: ['place_of_birth'],
  birth_registration_place: ['birth_registration_province'],
  hometown: ['hometown'],
  ethnicity: ['ethnicity_code'],
  religion: ['religion_code'],
  nationality: ['nationality'],
  blood_type: ['blood_type'],
  old_id_number: ['old_id_number'],
  id_card: ['card_issued_on', 'card_issued_by', 'card_expires_on'],
  father: ['father_id', 'father_name'],
  mother: ['mother_id', 'mother_name'],
  spouse: ['spouse_id', 'spouse_name'],
  children: [],
  legal_representative: ['representative_id', 'representative_name'],
  represented_persons: [],
  permanent_residence: ['permanent_ward_code', 'permanent_address'],
  temporary_residence: ['temporary_ward_code', 'temporary_address', 'temporary_since'],
  current_residence: ['current_ward_code', 'current_address'],
  temporary_absence: ['temporary_absence_since', 'temporary_absence_reason'],
  residence_file_number: ['residence_file_number'],
  marital_status: ['marital_status'],
  relationship_to_head: ['relationship_to_head'],
  household: ['household_id'],
  date_of_death: ['date_of_death'],
  date_of_disappearance: ['date_of_disappearance'],
  phone: ['phone'],
  email: ['email'],
  linked_documents: [],
};

type Row = Record<string, string | null>;

/** A relative as field 15 lists them: name, personal ID, old ID number and nationality. */
export interface RelativeView {
  readonly full_name: string;
  readonly personal_id: string | null;
  readonly old_id_number: string | null;
  readonly nationality: string | null;
}

const RELATIVE_FIELDS: readonly (readonly [CitizenFieldName, string])[] = [
  ['father', 'father'], ['mother', 'mother'], ['spouse', 'spouse'], ['legal_representative', 'representative'],
];

/**
 * Read one citizen, projected to `selection`: one primary-key query for the citizen's own
 * columns, and further queries (run together) only for the fields that need them: relatives'
 * old ID numbers, children, represented persons, the household, linked documents. Returns
 * `undefined` when no citizen has this personal ID.
 */
export async function readCitizen(db: Queryable, personalId: string, selection: FieldSelection): Promise<Record<string, unknown> | undefined> {
  const want = selection.fields;
  const columns = new Set<string>(['personal_id']);
  for (const f of want) for (const c of COLUMNS[f]) columns.add(c);
  const { rows } = await db.query<Row>(`SELECT ${[...columns].join(', ')} FROM citizens WHERE personal_id = $1`, [personalId]);
  const row = rows[0];
  if (row === undefined) return undefined;

  const relativeIds = RELATIVE_FIELDS.filter(([f]) => want.has(f)).map(([, col]) => row[`${col}_id`]).filter((id): id is string => id != null);
  const [relatives, children, represented, household, documents] = await Promise.all([
    relativeIds.length === 0 ? undefined : db.query<Row>('SELECT personal_id, old_id_number, nationality FROM citizens WHERE personal_id = ANY($1::text[])', [relativeIds]),
    want.has('children') ? db.query<Row>('SELECT personal_id, full_name, old_id_number, nationality FROM citizens WHERE father_id = $1 OR mother_id = $1 ORDER BY date_of_birth, personal_id', [personalId]) : undefined,
    want.has('represented_persons') ? db.query<Row>('SELECT personal_id, full_name, old_id_number, nationality FROM citizens WHERE representative_id = $1 ORDER BY date_of_birth, personal_id', [personalId]) : undefined,
    want.has('household') && row['household_id'] != null ? readHouseholdSummary(db, row['household_id']) : undefined,
    want.has('linked_documents') ? db.query<Row>('SELECT doc_type, number, issued_by, issued_on, expires_on FROM citizen_documents WHERE personal_id = $1 ORDER BY doc_type', [personalId]) : undefined,
  ]);
  const relativeById = new Map((relatives?.rows ?? []).map((r) => [r['personal_id'] ?? '', r]));
  const relative = (col: string): RelativeView | null => {
    const name = row[`${col}_name`];
    if (name == null) return null;
    const id = row[`${col}_id`] ?? null;
    const found = id === null ? undefined : relativeById.get(id);
    return { full_name: name, personal_id: id, old_id_number: found?.['old_id_number'] ?? null, nationality: found?.['nationality'] ?? null };
  };
  const people = (rs: readonly Row[] | undefined): RelativeView[] =>
    (rs ?? []).map((r) => ({ full_name: r['full_name'] ?? '', personal_id: r['personal_id'] ?? null, old_id_number: r['old_id_number'] ?? null, nationality: r['nationality'] ?? null }));

  const value = (f: CitizenFieldName): unknown => {
    switch (f) {
      case 'personal_id': return row['personal_id'];
      case 'birth_registration_place': return idProvinceOf(row['birth_registration_province'] ?? '');
      case 'ethnicity': return ethnicityOf(row['ethnicity_code'] ?? '');
      case 'religion': return religionOf(row['religion_code'] ?? '');
      case 'id_card':
        return row['card_issued_on'] == null ? null : { number: row['personal_id'], issued_on: row['card_issued_on'], issued_by: row['card_issued_by'], expires_on: row['card_expires_on'] };
      case 'father': return relative('father');
      case 'mother': return relative('mother');
      case 'spouse': return relative('spouse');
      case 'legal_representative': return relative('representative');
      case 'children': return people(children?.rows);
      case 'represented_persons': return people(represented?.rows);
      case 'permanent_residence': return addressOf(row['permanent_ward_code'] ?? '', row['permanent_address'] ?? '');
      case 'temporary_residence':
        return row['temporary_ward_code'] == null ? null : { ...addressOf(row['temporary_ward_code'], row['temporary_address'] ?? ''), since: row['temporary_since'] };
      case 'current_residence': return addressOf(row['current_ward_code'] ?? '', row['current_address'] ?? '');
      case 'temporary_absence':
        return row['temporary_absence_since'] == null ? null : { since: row['temporary_absence_since'], reason: row['temporary_absence_reason'] };
      case 'household': return household ?? null;
      case 'linked_documents':
        return (documents?.rows ?? []).map((d) => ({ type: d['doc_type'], number: d['number'], issued_by: d['issued_by'], issued_on: d['issued_on'], expires_on: d['expires_on'] }));
      default: return row[f] ?? null;
    }
  };

  const out: Record<string, unknown> = {};
  for (const f of want) out[f] = value(f);
  return selection.granted === undefined ? out : ((projectValue(out, selection.granted) ?? {}) as Record<string, unknown>);
}

/** The household view of field 23: its ID, head and members (name, personal ID, relationship). */
export interface HouseholdSummary {
  readonly household_id: string;
  readonly head: { readonly personal_id: string; readonly full_name: string } | null;
  readonly members: readonly { readonly personal_id: string; readonly full_name: string; readonly relationship_to_head: string }[];
}

/** Members are listed head first, then by date of birth. */
export async function readHouseholdSummary(db: Queryable, householdId: string): Promise<HouseholdSummary> {
  const { rows } = await db.query<{ personal_id: string; full_name: string; relationship_to_head: string }>(
    `SELECT personal_id, full_name, relationship_to_head FROM citizens WHERE household_id = $1
      ORDER BY relationship_to_head <> 'head', date_of_birth, personal_id`,
    [householdId],
  );
  const head = rows.find((r) => r.relationship_to_head === 'head');
  return { household_id: householdId, head: head === undefined ? null : { personal_id: head.personal_id, full_name: head.full_name }, members: rows };
}
