import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileProjection, projectFields } from './project-fields.ts';
import { resolvePointer } from './json-pointer.ts';

const citizen = {
  personal_id: '001203012345',
  full_name: 'Nguyễn Văn An',
  date_of_birth: '2003-05-01',
  address: { province_code: '01', ward_code: '00004', street: 'số 1 Tràng Tiền' },
  family: [{ relation: 'father', full_name: 'Nguyễn Văn Bình', personal_id: '001070012345' }, { relation: 'mother', full_name: 'Trần Thị Cúc', personal_id: '001175012345' }],
  'a/b': 1,
  'm~n': 2,
};

const project = (doc: unknown, fields: string[]) => projectFields(doc, compileProjection(fields));

describe('projectFields', () => {
  it('keeps exactly the selected fields, whole subtrees included', () => {
    expect(project(citizen, ['/full_name'])).toEqual({ full_name: 'Nguyễn Văn An' });
    expect(project(citizen, ['/full_name', '/address'])).toEqual({ full_name: 'Nguyễn Văn An', address: citizen.address });
    expect(project(citizen, ['/address/ward_code', '/date_of_birth'])).toEqual({ date_of_birth: '2003-05-01', address: { ward_code: '00004' } });
    expect(project(citizen, ['/address', '/address/ward_code'])).toEqual({ address: citizen.address });
  });

  it('handles RFC 6901 escapes, array indexes and the * wildcard', () => {
    expect(project(citizen, ['/a~1b', '/m~0n'])).toEqual({ 'a/b': 1, 'm~n': 2 });
    expect(project(citizen, ['/family/*/full_name'])).toEqual({ family: [{ full_name: 'Nguyễn Văn Bình' }, { full_name: 'Trần Thị Cúc' }] });
    expect(project(citizen, ['/family/1/relation'])).toEqual({ family: [{ relation: 'mother' }] });
    expect(project([{ a: 1, b: 2 }, { a: 3 }], ['/*/a'])).toEqual([{ a: 1 }, { a: 3 }]);
  });

  it('never invents fields and never leaks a scalar where structure was expected', () => {
    expect(project(citizen, ['/nope', '/address/nope'])).toEqual({ address: {} });
    expect(project({ address: 'số 1 Tràng Tiền' }, ['/address/ward_code'])).toEqual({});
    expect(project('raw string', ['/x'])).toBe(null);
    expect(project(citizen, [])).toEqual({});
  });

  it('releases nothing outside the selection (property)', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd');
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string(), tie('object'), tie('array')),
      object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      array: fc.array(tie('value'), { maxLength: 3 }),
    })).object;
    const pointer = fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => '/' + ks.join('/'));
    fc.assert(fc.property(json, fc.array(pointer, { maxLength: 4 }), (doc, fields) => {
      const out = project(doc, fields);
      // Every leaf of the output lies under a selected pointer and equals the input there.
      const walk = (v: unknown, path: string[]): void => {
        const p = '/' + path.join('/');
        const selected = fields.some((f) => p === f || p.startsWith(f + '/'));
        if (selected) {
          expect(resolvePointer(doc, p)).toEqual(v);
          return;
        }
        expect(v !== null && typeof v === 'object').toBe(true);
        for (const [k, c] of Object.entries(v as object)) walk(c, [...path, k]);
      };
      for (const [k, c] of Object.entries(out as object)) walk(c, [k]);
      // Every selected pointer present in the input is present in the output.
      for (const f of fields) {
        const v = resolvePointer(doc, f);
        const ancestorsAreObjects = f.split('/').slice(1, -1).every((_, i, a) => {
          const anc = resolvePointer(doc, '/' + a.slice(0, i + 1).join('/'));
          return anc !== null && typeof anc === 'object' && !Array.isArray(anc);
        });
        if (v !== undefined && ancestorsAreObjects) expect(resolvePointer(out, f)).toEqual(v);
      }
    }), { numRuns: 500 });
  });
});
