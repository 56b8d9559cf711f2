import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NdxpError } from '@ndxp/core';
import { CITIZEN_FIELD_NAMES, NPDB_CITIZEN_FIELDS } from './citizen-fields.ts';
import { compilePointers, parseRequestedFields, projectValue, selectFields } from './field-selection.ts';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof NdxpError ? e.code : 'not-ndxp';
  }
  return undefined;
};

describe('field selection', () => {
  it('declares each field once, as a pointer', () => {
    expect(new Set(NPDB_CITIZEN_FIELDS).size).toBe(CITIZEN_FIELD_NAMES.length);
    for (const p of NPDB_CITIZEN_FIELDS) expect(p).toMatch(/^\/[a-z_]+$/);
  });

  it('reads ?fields=, all fields when absent, FIELD_UNKNOWN for anything else', () => {
    expect([...parseRequestedFields(undefined)]).toEqual([...CITIZEN_FIELD_NAMES]);
    expect([...parseRequestedFields('gender,full_name')]).toEqual(['gender', 'full_name']);
    expect(codeOf(() => parseRequestedFields('full_name,salary'))).toBe('FIELD_UNKNOWN');
  });

  it('computes only requested fields that the grant covers (whole or in part)', () => {
    fc.assert(fc.property(fc.subarray([...CITIZEN_FIELD_NAMES]), fc.subarray([...CITIZEN_FIELD_NAMES]), (asked, granted) => {
      const sel = selectFields(new Set(asked), granted.map((g) => `/${g}/sub`).join(','));
      expect([...sel.fields].sort()).toEqual(asked.filter((a) => granted.includes(a)).sort());
    }));
    expect([...selectFields(new Set(['full_name', 'phone']), '/*').fields]).toEqual(['full_name', 'phone']);
    expect([...selectFields(new Set(['full_name']), undefined).fields]).toEqual(['full_name']);
    expect(selectFields(new Set(['full_name']), ' ').fields.size).toBe(0);
  });

  it('refuses a grant header that is not a list of JSON pointers', () => {
    for (const bad of ['full_name', '/a,b', '/a~2', '//,x']) expect(codeOf(() => selectFields(new Set(['full_name']), bad)), bad).toBe('HEADER_INVALID');
  });

  it('projects like the hub: subtrees, * over arrays and members, ~0/~1 escapes, nothing inside scalars', () => {
    const doc = { a: { b: 1, c: 2 }, list: [{ x: 1, y: 2 }, { x: 3, y: 4 }], 'p/q': 5, 't~': 6, s: 'text', n: null };
    expect(projectValue(doc, compilePointers(['/a/b', '/list/*/x', '/p~1q', '/t~0']))).toEqual({ a: { b: 1 }, list: [{ x: 1 }, { x: 3 }], 'p/q': 5, 't~': 6 });
    expect(projectValue(doc, compilePointers(['/list/1']))).toEqual({ list: [{ x: 3, y: 4 }] });
    expect(projectValue(doc, compilePointers(['/s/length', '/n/x']))).toEqual({});
    expect(projectValue(doc, compilePointers(['/n']))).toEqual({ n: null });
    expect(projectValue(doc, compilePointers(['/a']))).toEqual({ a: { b: 1, c: 2 } });
  });

  it('never releases a member outside the granted pointers', () => {
    const keyArb = fc.constantFrom('a', 'b', 'c');
    const docArb = fc.dictionary(keyArb, fc.oneof(fc.integer(), fc.dictionary(keyArb, fc.integer())));
    fc.assert(fc.property(docArb, fc.array(fc.tuple(keyArb, fc.option(keyArb, { nil: undefined }))), (doc, grants) => {
      const pointers = grants.map(([k, sub]) => (sub === undefined ? `/${k}` : `/${k}/${sub}`));
      const out = projectValue(doc, compilePointers(pointers)) as Record<string, unknown>;
      for (const [k, v] of Object.entries(out)) {
        const whole = pointers.includes(`/${k}`);
        if (whole) expect(v).toEqual(doc[k]);
        else for (const m of Object.keys(v as object)) expect(pointers).toContain(`/${k}/${m}`);
      }
    }));
  });
});
