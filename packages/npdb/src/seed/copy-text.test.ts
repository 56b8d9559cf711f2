import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openTestDatabase, testBackends, type Db } from '@ndxp/db';
import { copyLine, copyValue } from './copy-text.ts';

describe('copyValue', () => {
  it('escapes exactly the characters COPY text format treats specially', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue('\\N')).toBe('\\\\N');
    expect(copyValue(42)).toBe('42');
    expect(copyLine(['x', null, 'Nguyễn'])).toBe('x\t\\N\tNguyễn\n');
  });
});

describe.each(testBackends())('COPY round trip on %s', (kind) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await db.exec('CREATE TABLE copy_probe (id integer PRIMARY KEY, a text, b text)');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('stores any text (or NULL) exactly as given', async () => {
    // PostgreSQL text cannot hold NUL; everything else must survive unchanged.
    const text = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.split('\u0000').join(''));
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.option(text, { nil: null }), fc.option(text, { nil: null })), { minLength: 1, maxLength: 20 }), async (pairs) => {
      await db.query('DELETE FROM copy_probe');
      await db.copyFrom('copy_probe', ['id', 'a', 'b'], pairs.map(([a, b], i) => copyLine([i, a, b])));
      const { rows } = await db.query<{ id: number; a: string | null; b: string | null }>('SELECT id, a, b FROM copy_probe ORDER BY id');
      expect(rows.map((r) => [r.a, r.b])).toEqual(pairs);
    }), { numRuns: 25 });
  });
});
