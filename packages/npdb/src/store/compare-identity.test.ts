import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareIdentity, type StoredIdentity } from './compare-identity.ts';
import { decodeCursor, encodeCursor } from './change-cursor.ts';
import { NdxpError } from '@ndxp/core';

const stored: StoredIdentity = { full_name: 'Nguyễn Thị Hòa', date_of_birth: '1990-03-04', gender: 'female', date_of_death: null };

describe('compareIdentity', () => {
  it('matches the record field by field, strictly', () => {
    expect(compareIdentity(stored, { full_name: 'NGUYỄN THỊ HOÀ', date_of_birth: '1990-03-04', gender: 'female' })).toEqual({ match: true, fields: { full_name: 'match', date_of_birth: 'match', gender: 'match' }, deceased: false });
    expect(compareIdentity(stored, { full_name: 'Nguyen Thi Hoa' })).toEqual({ match: false, fields: { full_name: 'match_ignoring_diacritics' }, deceased: false });
    expect(compareIdentity(stored, { gender: 'male' })).toEqual({ match: false, fields: { gender: 'mismatch' }, deceased: false });
    expect(compareIdentity({ ...stored, date_of_death: '2020-01-01' }, { gender: 'female' })).toEqual({ match: false, fields: { gender: 'match' }, deceased: true });
  });

  it('answers only about the fields stated and never carries a stored value', () => {
    fc.assert(fc.property(fc.record({ full_name: fc.string(), date_of_birth: fc.string(), gender: fc.constantFrom('male' as const, 'female' as const) }, { requiredKeys: [] }), (stated) => {
      const a = compareIdentity(stored, stated);
      expect(Object.keys(a.fields).sort()).toEqual(Object.keys(stated).sort());
      for (const v of Object.values(a.fields)) expect(['match', 'match_ignoring_diacritics', 'mismatch']).toContain(v);
      const text = JSON.stringify(a);
      expect(text).not.toContain('1990-03-04');
      expect(text).not.toContain('Nguyễn');
      expect(a.match).toBe(Object.keys(stated).length === 0 || Object.values(a.fields).every((v) => v === 'match'));
    }));
  });
});

describe('change cursors', () => {
  it('round-trip every position and refuse everything else with CURSOR_INVALID', () => {
    fc.assert(fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (n) => {
      expect(decodeCursor(encodeCursor(n))).toBe(n);
    }));
    fc.assert(fc.property(fc.string(), (s) => {
      try {
        const n = decodeCursor(s);
        expect(encodeCursor(n)).toBe(s);
      } catch (e) {
        expect((e as NdxpError).code).toBe('CURSOR_INVALID');
      }
    }));
  });
});
