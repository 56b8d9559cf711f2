import { exactNameKey, nameKey } from './name-key.ts';

/**
 * Outcome of comparing a stated name with a recorded one:
 *  - `exact`: the same name, letter for letter and mark for mark (ignoring only case, spacing,
 *    Unicode composition and tone-mark placement, none of which change a Vietnamese name);
 *  - `match_ignoring_diacritics`: the same letters once every diacritic (and đ) is dropped, e.g.
 *    `Nguyen Van Duc` for `Nguyễn Văn Đức`; a weaker match, reported as such;
 *  - `mismatch`: neither.
 */
export type NameComparison = 'exact' | 'match_ignoring_diacritics' | 'mismatch';

/** Compare two Vietnamese names; see `NameComparison`. Symmetric. */
export function compareNames(a: string, b: string): NameComparison {
  // Identical text is the common case of a correct verification; skip the normalisation.
  if (a === b || exactNameKey(a) === exactNameKey(b)) return 'exact';
  if (nameKey(a) === nameKey(b)) return 'match_ignoring_diacritics';
  return 'mismatch';
}
