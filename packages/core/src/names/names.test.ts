import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeName } from './normalize-name.ts';
import { exactNameKey, nameKey } from './name-key.ts';
import { compareNames } from './compare-names.ts';

/** Vietnamese letters, with and without marks, upper and lower case. */
const LETTERS = [...'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ'];
const letterArb = fc.constantFrom(...LETTERS, ...LETTERS.map((l) => l.toUpperCase()));
const wordArb = fc.array(letterArb, { minLength: 1, maxLength: 7 }).map((a) => a.join(''));
const nameArb = fc.array(wordArb, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
const spaceArb = fc.constantFrom(' ', '  ', '\t', '\u00a0', ' \u3000 ');

/** Re-space a name with arbitrary white space runs, and pad both ends. */
const respaced = (name: string, seps: string[]) => seps[0] + name.split(' ').map((w, i) => w + (seps[(i + 1) % seps.length] ?? ' ')).join('');
const stripMarks = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'));

describe('normalizeName', () => {
  it('is idempotent, NFC, and has single inner spaces only', () => {
    fc.assert(fc.property(nameArb, fc.array(spaceArb, { minLength: 1, maxLength: 4 }), (name, seps) => {
      const n = normalizeName(respaced(name.normalize('NFD'), seps));
      expect(n).toBe(normalizeName(n));
      expect(n).toBe(n.normalize('NFC'));
      expect(n).not.toMatch(/^\s|\s$|\s\s|[\t\u00a0\u3000]/);
      expect(n).toBe(name.normalize('NFC'));
    }));
  });
});

describe('nameKey', () => {
  it('ignores case, spacing, composition and every diacritic including đ', () => {
    fc.assert(fc.property(nameArb, fc.array(spaceArb, { minLength: 1, maxLength: 3 }), (name, seps) => {
      const variant = respaced(stripMarks(name).toUpperCase(), seps);
      expect(nameKey(variant)).toBe(nameKey(name));
      expect(nameKey(name.normalize('NFD'))).toBe(nameKey(name));
      expect(nameKey(name)).toMatch(/^[a-z]+$/);
    }));
    expect(nameKey('Đặng  Thị   Ðào')).toBe('dangthidao');
  });

  it('still tells different base letters apart', () => {
    fc.assert(fc.property(nameArb, nameArb, (a, b) => {
      fc.pre(stripMarks(a).toLowerCase().replace(/ /g, '') !== stripMarks(b).toLowerCase().replace(/ /g, ''));
      expect(nameKey(a)).not.toBe(nameKey(b));
    }));
  });
});

describe('compareNames', () => {
  it('is reflexive as exact, and symmetric', () => {
    fc.assert(fc.property(nameArb, nameArb, (a, b) => {
      expect(compareNames(a, a)).toBe('exact');
      expect(compareNames(a, b)).toBe(compareNames(b, a));
    }));
  });

  it('reports a name typed without marks as match_ignoring_diacritics, never exact', () => {
    fc.assert(fc.property(nameArb, (name) => {
      const plain = stripMarks(name);
      fc.pre(plain.normalize('NFC') !== name.normalize('NFC'));
      expect(compareNames(name, plain.toLowerCase())).toBe('match_ignoring_diacritics');
    }));
  });

  it('treats tone-mark placement, case, spacing and composition as the same name', () => {
    expect(compareNames('Nguyễn Thị Hòa', 'NGUYỄN  THỊ HOÀ')).toBe('exact');
    expect(compareNames('Trần Thủy', 'Trần Thuỷ')).toBe('exact');
    expect(compareNames('Lê Văn Đức'.normalize('NFD'), 'Lê Văn Đức')).toBe('exact');
    expect(exactNameKey('Thanh Hoá')).toBe(exactNameKey('Thanh Hóa'));
  });

  it('keeps marks significant in exact mode', () => {
    expect(compareNames('Nguyễn Văn Hùng', 'Nguyễn Văn Hưng')).toBe('match_ignoring_diacritics');
    expect(compareNames('Lê Thị Hòa', 'Lê Thị Hóa')).toBe('match_ignoring_diacritics');
    expect(compareNames('Đặng Văn Dũng', 'Dặng Văn Dũng')).toBe('match_ignoring_diacritics');
    expect(compareNames('Phạm Văn An', 'Phạm Văn Anh')).toBe('mismatch');
  });
});
