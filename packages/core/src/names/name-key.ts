import { normalizeName } from './normalize-name.ts';

/** Combining marks (after NFD every Vietnamese diacritic is one of these). */
const MARKS = /\p{M}/gu;
/**
 * Letters that fold to `d`: đ/Đ are letters of their own, not d plus a mark, so NFD does not
 * separate them. Ð/ð (U+00D0/U+00F0, Icelandic eth) are included because legacy encodings and
 * careless typing often put them where Đ belongs.
 */
const D_LETTERS = /[đĐðÐ]/gu;
const SPACES = /\s+/gu;

/** The five tone marks of Vietnamese, as combining characters (huyền, sắc, ngã, hỏi, nặng). */
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/**
 * Comparison key that ignores case, spacing and every diacritic, including đ/Đ: `Nguyễn  Văn
 * Đức` and `nguyen van duc` share the key `nguyenvanduc`. Use it for "same name, typed without
 * accents" matching, never to decide that two names are identical.
 */
export function nameKey(name: string): string {
  return name.normalize('NFD').replace(MARKS, '').replace(D_LETTERS, 'd').replace(SPACES, '').toLowerCase();
}

/**
 * Key for exact comparison: the name in NFC with spacing and case normalised and the tone mark
 * of each word moved to a fixed place. Vietnamese has two conventions for where a tone mark sits
 * (`Hòa`/`Hoà`, `Thủy`/`Thuỷ`, both in official use, and the admin-unit data itself spells
 * `Thanh Hoá` while FACTS.md spells `Thanh Hóa`); they are the same name, so they must compare
 * equal. Vowel-quality marks (â, ă, ê, ô, ơ, ư) and đ stay significant.
 */
export function exactNameKey(name: string): string {
  return normalizeName(name)
    .toLowerCase()
    .split(' ')
    .map((word) => {
      const nfd = word.normalize('NFD');
      const tones = nfd.match(TONES)?.join('') ?? '';
      return nfd.replace(TONES, '').normalize('NFC') + (tones === '' ? '' : `~${tones}`);
    })
    .join(' ');
}
