import { compareNames, type Gender } from '@ndxp/core';

/** Answer for one stated field. Names can also match only once diacritics are ignored. */
export type FieldAnswer = 'match' | 'match_ignoring_diacritics' | 'mismatch';

export interface StatedIdentity {
  readonly full_name?: string | undefined;
  readonly date_of_birth?: string | undefined;
  readonly gender?: Gender | undefined;
}

export interface StoredIdentity {
  readonly full_name: string;
  readonly date_of_birth: string;
  readonly gender: string;
  readonly date_of_death: string | null;
}

export interface VerifyAnswer {
  /** True only when every stated field matches exactly and the citizen is alive. */
  readonly match: boolean;
  readonly fields: { readonly full_name?: FieldAnswer; readonly date_of_birth?: FieldAnswer; readonly gender?: FieldAnswer };
  readonly deceased: boolean;
}

/**
 * Compare what a caller states with the record, field by field, revealing nothing of the record
 * itself: the answer is only match / mismatch per stated field (and a weaker
 * `match_ignoring_diacritics` for a name typed without marks, e.g. `Nguyen Van An`), plus whether
 * the citizen has died. `match` is strict: a diacritic-insensitive name does not make it true,
 * and neither does the identity of a deceased citizen (a dead person's identity must not pass as
 * a live one, e.g. for subscriber registration); callers that accept weaker matches read `fields`.
 */
export function compareIdentity(stored: StoredIdentity, stated: StatedIdentity): VerifyAnswer {
  const fields: { full_name?: FieldAnswer; date_of_birth?: FieldAnswer; gender?: FieldAnswer } = {};
  if (stated.full_name !== undefined) {
    const c = compareNames(stated.full_name, stored.full_name);
    fields.full_name = c === 'exact' ? 'match' : c;
  }
  if (stated.date_of_birth !== undefined) fields.date_of_birth = stated.date_of_birth === stored.date_of_birth ? 'match' : 'mismatch';
  if (stated.gender !== undefined) fields.gender = stated.gender === stored.gender ? 'match' : 'mismatch';
  const deceased = stored.date_of_death !== null;
  const match = !deceased && Object.values(fields).every((a) => a === 'match');
  return { match, fields, deceased };
}
