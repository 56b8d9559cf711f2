import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import fc from 'fast-check';
import { NdxpError, fixedClock, makePersonalId, nameKey, type HttpServer } from '@ndxp/core';
import { openTestDatabase, testBackends, type Db } from '@ndxp/db';
import { migrateNpdb } from '../migrate-npdb.ts';
import { seedPopulation } from '../seed/seed-population.ts';
import { CITIZEN_FIELD_NAMES } from '../fields/citizen-fields.ts';
import { buildNpdbApp } from './build-app.ts';

interface CitizenRow {
  personal_id: string;
  full_name: string;
  date_of_birth: string;
  gender: 'male' | 'female';
  household_id: string | null;
  father_id: string | null;
  date_of_death: string | null;
}

const NOW = '2026-07-15T03:00:00.000Z';
/** A structurally valid personal ID nobody synthetic has: born 1901, older than anyone generated. */
const UNKNOWN_ID = makePersonalId({ provinceCode: '001', gender: 'male', birthYear: 1901, serial: 999_999 });
const stripMarks = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

describe.each(testBackends())('NPDB HTTP API on %s', (kind) => {
  let db: Db;
  let app: HttpServer;
  let child: CitizenRow;
  let deceased: CitizenRow;

  const inject = (o: InjectOptions) => app.inject(o);
  const verify = (payload: unknown) => inject({ method: 'POST', url: '/v1/citizens/verify', payload: payload as object });
  const row = async (sql: string, params: unknown[] = []) => (await db.query<CitizenRow>(sql, params)).rows[0] as CitizenRow;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await migrateNpdb(db);
    await seedPopulation(db, { count: 2500, seed: 'api-tests', asOf: '2026-07-01' });
    app = buildNpdbApp({ db, clock: fixedClock(NOW) });
    await app.ready();
    child = await row(`SELECT * FROM citizens WHERE father_id IS NOT NULL AND household_id IS NOT NULL AND full_name <> $1 ORDER BY personal_id LIMIT 1`, ['']);
    deceased = await row('SELECT * FROM citizens WHERE date_of_death IS NOT NULL ORDER BY personal_id LIMIT 1');
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  describe('POST /v1/citizens/verify', () => {
    it('answers match for the recorded name, date of birth and gender', async () => {
      const res = await verify({ personal_id: child.personal_id, full_name: child.full_name, date_of_birth: child.date_of_birth, gender: child.gender });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ match: true, fields: { full_name: 'match', date_of_birth: 'match', gender: 'match' }, deceased: false });
    });

    it('reports a name without diacritics as such, and mismatches per field, revealing no stored value', async () => {
      expect(stripMarks(child.full_name)).not.toBe(child.full_name);
      const res = await verify({ personal_id: child.personal_id, full_name: stripMarks(child.full_name).toUpperCase(), date_of_birth: '1900-01-01', gender: child.gender === 'male' ? 'female' : 'male' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ match: false, fields: { full_name: 'match_ignoring_diacritics', date_of_birth: 'mismatch', gender: 'mismatch' }, deceased: false });
      expect(res.body).not.toContain(child.date_of_birth);
      expect(res.body).not.toContain(child.full_name);
      expect(nameKey(res.body)).not.toContain(nameKey(child.full_name));
      const other = await verify({ personal_id: child.personal_id, full_name: 'Không Phải Tên Này' });
      expect(other.json()).toEqual({ match: false, fields: { full_name: 'mismatch' }, deceased: false });
    });

    it('never matches a deceased citizen', async () => {
      const res = await verify({ personal_id: deceased.personal_id, full_name: deceased.full_name, date_of_birth: deceased.date_of_birth });
      expect(res.json()).toEqual({ match: false, fields: { full_name: 'match', date_of_birth: 'match' }, deceased: true });
    });

    it('answers an unknown personal ID with 404 CITIZEN_NOT_FOUND', async () => {
      const res = await verify({ personal_id: UNKNOWN_ID, gender: 'male' });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'CITIZEN_NOT_FOUND', status: 404, origin: 'client' });
    });

    it.each([
      ['too short', { personal_id: '00108901234', gender: 'male' }, 'PERSONAL_ID_MALFORMED', '/personal_id'],
      ['not digits', { personal_id: '00108901234X', gender: 'male' }, 'PERSONAL_ID_MALFORMED', '/personal_id'],
      ['a number, not a string', { personal_id: 1089012345, gender: 'male' }, 'PERSONAL_ID_MALFORMED', '/personal_id'],
      ['unknown province code 003', { personal_id: '003089012345', gender: 'male' }, 'PERSONAL_ID_MALFORMED', '/personal_id'],
      ['a date in another format', { personal_id: UNKNOWN_ID, date_of_birth: '15/06/1989' }, 'DATE_INVALID', '/date_of_birth'],
      ['an impossible date', { personal_id: UNKNOWN_ID, date_of_birth: '2001-02-30' }, 'DATE_INVALID', '/date_of_birth'],
      ['29 February of a common year', { personal_id: UNKNOWN_ID, date_of_birth: '2023-02-29' }, 'DATE_INVALID', '/date_of_birth'],
      ['nothing to compare', { personal_id: UNKNOWN_ID }, 'VALIDATION_FAILED', '/'],
      ['an unknown member', { personal_id: UNKNOWN_ID, gender: 'male', address: 'x' }, 'VALIDATION_FAILED', '/address'],
      ['a gender outside the list', { personal_id: UNKNOWN_ID, gender: 'nam' }, 'VALIDATION_FAILED', '/gender'],
      ['an empty name', { personal_id: UNKNOWN_ID, full_name: '' }, 'VALIDATION_FAILED', '/full_name'],
    ])('rejects %s', async (_label, payload, code, pointer) => {
      const res = await verify(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code, status: 400 });
      expect(res.json().errors?.[0]?.pointer).toBe(pointer);
    });

    it('rejects bodies that are not JSON, too large, or of another media type', async () => {
      const bad = await inject({ method: 'POST', url: '/v1/citizens/verify', payload: '{"personal_id": ', headers: { 'content-type': 'application/json' } });
      expect(bad.json().code).toBe('MALFORMED_JSON');
      const big = await inject({ method: 'POST', url: '/v1/citizens/verify', payload: JSON.stringify({ personal_id: UNKNOWN_ID, full_name: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } });
      expect(big.statusCode).toBe(413);
      expect(big.json().code).toBe('BODY_TOO_LARGE');
      const text = await inject({ method: 'POST', url: '/v1/citizens/verify', payload: 'personal_id=1', headers: { 'content-type': 'text/plain' } });
      expect(text.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const empty = await inject({ method: 'POST', url: '/v1/citizens/verify', headers: { 'content-type': 'application/json' } });
      expect(empty.json().code).toBe('MALFORMED_JSON');
    });

    it('never answers 500, whatever the body', async () => {
      await fc.assert(fc.asyncProperty(fc.jsonValue(), async (body) => {
        const res = await inject({ method: 'POST', url: '/v1/citizens/verify', payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        expect(res.statusCode).toBeLessThan(500);
      }), { numRuns: 40 });
    });
  });

  it('never answers 500 to any path or query under /v1', async () => {
    const segment = fc.string({ maxLength: 20 }).map((s) => encodeURIComponent(s));
    await fc.assert(fc.asyncProperty(fc.constantFrom('citizens', 'households', 'changes'), segment, segment, async (root, a, b) => {
      for (const url of [`/v1/${root}/${a}`, `/v1/${root}/${a}?fields=${b}`, `/v1/${root}?cursor=${a}&limit=${b}`]) {
        const res = await inject({ method: 'GET', url });
        expect(res.statusCode, url).toBeLessThan(500);
      }
    }), { numRuns: 40 });
  });

  describe('POST /v1/citizens/verify-batch', () => {
    it('answers each item in order, unknown IDs as found: false', async () => {
      const res = await inject({ method: 'POST', url: '/v1/citizens/verify-batch', payload: { items: [
        { personal_id: child.personal_id, gender: child.gender },
        { personal_id: UNKNOWN_ID, gender: 'male' },
        { personal_id: deceased.personal_id, date_of_birth: '1900-01-01' },
      ] } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ results: [
        { found: true, match: true, fields: { gender: 'match' }, deceased: false },
        { found: false },
        { found: true, match: false, fields: { date_of_birth: 'mismatch' }, deceased: true },
      ] });
      expect(res.body).not.toContain(child.personal_id);
    });

    it('rejects the whole batch for one malformed item, and batches over 100', async () => {
      const res = await inject({ method: 'POST', url: '/v1/citizens/verify-batch', payload: { items: [{ personal_id: child.personal_id, gender: 'male' }, { personal_id: '999999999999', gender: 'male' }] } });
      expect(res.json()).toMatchObject({ code: 'PERSONAL_ID_MALFORMED', errors: [{ pointer: '/items/1/personal_id' }] });
      const many = await inject({ method: 'POST', url: '/v1/citizens/verify-batch', payload: { items: Array.from({ length: 101 }, () => ({ personal_id: UNKNOWN_ID, gender: 'male' })) } });
      expect(many.json().code).toBe('VALIDATION_FAILED');
      const none = await inject({ method: 'POST', url: '/v1/citizens/verify-batch', payload: { items: [] } });
      expect(none.json().code).toBe('VALIDATION_FAILED');
    });
  });

  describe('GET /v1/citizens/{personal_id}', () => {
    it('returns every field of Art. 9, consistent with the record', async () => {
      const res = await inject({ method: 'GET', url: `/v1/citizens/${child.personal_id}` });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual([...CITIZEN_FIELD_NAMES].sort());
      expect(body).toMatchObject({ personal_id: child.personal_id, full_name: child.full_name, date_of_birth: child.date_of_birth, gender: child.gender });
      expect(body.father.personal_id).toBe(child.father_id);
      expect(body.household.household_id).toBe(child.household_id);
      expect(body.household.members.map((m: { personal_id: string }) => m.personal_id)).toContain(child.personal_id);
      expect(body.birth_registration_place.code).toBe(child.personal_id.slice(0, 3));
      const father = await inject({ method: 'GET', url: `/v1/citizens/${child.father_id}?fields=children,represented_persons` });
      expect(father.json().children.map((c: { personal_id: string }) => c.personal_id)).toContain(child.personal_id);
    });

    it('projects to the fields asked for', async () => {
      const res = await inject({ method: 'GET', url: `/v1/citizens/${child.personal_id}?fields=full_name,gender` });
      expect(res.json()).toEqual({ full_name: child.full_name, gender: child.gender });
    });

    it('minimises to the intersection with the fields the hub granted (x-ndxp-fields)', async () => {
      const both = await inject({ method: 'GET', url: `/v1/citizens/${child.personal_id}?fields=full_name,date_of_birth,father`, headers: { 'x-ndxp-fields': '/full_name,/phone,/father/full_name' } });
      expect(both.json()).toEqual({ full_name: child.full_name, father: { full_name: expect.any(String) } });
      const all = await inject({ method: 'GET', url: `/v1/citizens/${child.personal_id}`, headers: { 'x-ndxp-fields': '/date_of_birth,/household/members/*/personal_id' } });
      const body = all.json();
      expect(Object.keys(body).sort()).toEqual(['date_of_birth', 'household']);
      expect(Object.keys(body.household)).toEqual(['members']);
      for (const m of body.household.members) expect(Object.keys(m)).toEqual(['personal_id']);
      const none = await inject({ method: 'GET', url: `/v1/citizens/${child.personal_id}`, headers: { 'x-ndxp-fields': '' } });
      expect(none.json()).toEqual({});
      const scalar = await inject({ method: 'GET', url: `/v1/citizens/${child.personal_id}`, headers: { 'x-ndxp-fields': '/full_name/first' } });
      expect(scalar.json()).toEqual({});
    });

    it('rejects unknown fields, malformed field lists and grant headers', async () => {
      const unknown = await inject({ method: 'GET', url: `/v1/citizens/${child.personal_id}?fields=full_name,salary` });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toMatchObject({ code: 'FIELD_UNKNOWN', detail: 'unknown field(s): salary' });
      const malformed = await inject({ method: 'GET', url: `/v1/citizens/${child.personal_id}?fields=Full%20Name` });
      expect(malformed.json().code).toBe('FIELD_UNKNOWN');
      const header = await inject({ method: 'GET', url: `/v1/citizens/${child.personal_id}`, headers: { 'x-ndxp-fields': 'full_name' } });
      expect(header.json().code).toBe('HEADER_INVALID');
      const extra = await inject({ method: 'GET', url: `/v1/citizens/${child.personal_id}?debug=1` });
      expect(extra.json().code).toBe('VALIDATION_FAILED');
    });

    it('distinguishes malformed from unknown personal IDs', async () => {
      for (const bad of ['12345', '0010890123456', '00108901234%20', '999089012345']) {
        const res = await inject({ method: 'GET', url: `/v1/citizens/${bad}` });
        expect(res.statusCode, bad).toBe(400);
        expect(res.json().code).toBe('PERSONAL_ID_MALFORMED');
      }
      const res = await inject({ method: 'GET', url: `/v1/citizens/${UNKNOWN_ID}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('CITIZEN_NOT_FOUND');
    });
  });

  describe('GET /v1/households/{household_id}', () => {
    it('returns the household with its head first and every living member', async () => {
      const res = await inject({ method: 'GET', url: `/v1/households/${child.household_id}` });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const { rows } = await db.query<{ personal_id: string }>('SELECT personal_id FROM citizens WHERE household_id = $1', [child.household_id]);
      expect(body.members.map((m: { personal_id: string }) => m.personal_id).sort()).toEqual(rows.map((r) => r.personal_id).sort());
      expect(body.members[0].relationship_to_head).toBe('head');
      expect(body.head.personal_id).toBe(body.members[0].personal_id);
      expect(body.address.ward_name).not.toBe('');
      expect(body.members.filter((m: { relationship_to_head: string }) => m.relationship_to_head === 'head')).toHaveLength(1);
    });

    it('rejects malformed IDs and answers unknown ones with 404', async () => {
      const bad = await inject({ method: 'GET', url: '/v1/households/12ab' });
      expect(bad.json()).toMatchObject({ status: 400, code: 'HOUSEHOLD_ID_MALFORMED' });
      const unknown = await inject({ method: 'GET', url: '/v1/households/0000000000' });
      const exists = (await db.query('SELECT 1 FROM households WHERE household_id = $1', ['0000000000'])).rows.length > 0;
      expect(unknown.statusCode).toBe(exists ? 200 : 404);
      if (!exists) expect(unknown.json().code).toBe('HOUSEHOLD_NOT_FOUND');
    });
  });

  describe('GET /v1/changes', () => {
    it('pages through the whole feed in order with a resumable cursor', async () => {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM citizen_changes');
      const total = rows[0]?.n ?? 0;
      expect(total).toBeGreaterThan(10);
      const seen: number[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 1000; page++) {
        const res = await inject({ method: 'GET', url: `/v1/changes?limit=7${cursor === undefined ? '' : `&cursor=${cursor}`}` });
        expect(res.statusCode).toBe(200);
        const body = res.json();
        seen.push(...body.items.map((i: { sequence: number }) => i.sequence));
        cursor = body.next_cursor;
        if (!body.has_more) break;
      }
      expect(seen).toHaveLength(total);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1] as number);
      const tail = await inject({ method: 'GET', url: `/v1/changes?cursor=${cursor}` });
      expect(tail.json()).toEqual({ items: [], next_cursor: cursor, has_more: false });
      // A change recorded later is picked up from the saved cursor, and only it.
      await db.query(`INSERT INTO citizen_changes (kind, personal_id, occurred_on, recorded_at, details) VALUES ('death', $1, '2026-07-10', $2, '{}')`, [child.personal_id, NOW]);
      const resumed = (await inject({ method: 'GET', url: `/v1/changes?cursor=${cursor}` })).json();
      expect(resumed.items).toEqual([{ sequence: expect.any(Number), kind: 'death', personal_id: child.personal_id, occurred_on: '2026-07-10', recorded_at: NOW, details: {} }]);
      await db.query('DELETE FROM citizen_changes WHERE seq = $1', [resumed.items[0].sequence]);
    });

    it.each([
      ['garbage', 'cursor=abc', 'CURSOR_INVALID'],
      ['characters outside base64url', 'cursor=%21%21', 'CURSOR_INVALID'],
      ['a forged negative position', `cursor=${Buffer.from('v1:-5').toString('base64url')}`, 'CURSOR_INVALID'],
      ['another version', `cursor=${Buffer.from('v9:5').toString('base64url')}`, 'CURSOR_INVALID'],
      ['limit 0', 'limit=0', 'VALIDATION_FAILED'],
      ['limit over 1000', 'limit=5000', 'VALIDATION_FAILED'],
      ['a limit that is not a number', 'limit=ten', 'VALIDATION_FAILED'],
    ])('rejects %s', async (_label, query, code) => {
      const res = await inject({ method: 'GET', url: `/v1/changes?${query}` });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe(code);
    });
  });

  describe('POST /v1/citizens/{personal_id}/documents', () => {
    it('links a document (201), replaces it (200), and shows it in the lookup', async () => {
      const url = `/v1/citizens/${child.personal_id}/documents`;
      const first = await inject({ method: 'POST', url, payload: { type: 'tax_code', number: '8012345678', issued_by: 'Cục Thuế', issued_on: '2020-01-02' } });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toEqual({ type: 'tax_code', number: '8012345678', issued_by: 'Cục Thuế', issued_on: '2020-01-02', expires_on: null, recorded_at: NOW });
      const again = await inject({ method: 'POST', url, payload: { type: 'tax_code', number: '8099999999' } });
      expect(again.statusCode).toBe(200);
      // Documents from other sectors (migration 0002), including serials with a space.
      const land = await inject({ method: 'POST', url, payload: { type: 'land_use_certificate', number: 'DB 123456', issued_by: 'Văn phòng đăng ký đất đai Hà Nội' } });
      expect(land.statusCode).toBe(201);
      const look = await inject({ method: 'GET', url: `/v1/citizens/${child.personal_id}?fields=linked_documents` });
      expect(look.json().linked_documents).toEqual(expect.arrayContaining([
        { type: 'tax_code', number: '8099999999', issued_by: null, issued_on: null, expires_on: null },
        { type: 'land_use_certificate', number: 'DB 123456', issued_by: 'Văn phòng đăng ký đất đai Hà Nội', issued_on: null, expires_on: null },
      ]));
      expect(look.json().linked_documents).toHaveLength(2);
    });

    it('writes nothing for an unknown citizen and rejects bad documents', async () => {
      const unknown = await inject({ method: 'POST', url: `/v1/citizens/${UNKNOWN_ID}/documents`, payload: { type: 'passport', number: 'C1234567' } });
      expect(unknown.json().code).toBe('CITIZEN_NOT_FOUND');
      expect((await db.query('SELECT 1 FROM citizen_documents WHERE personal_id = $1', [UNKNOWN_ID])).rows).toEqual([]);
      const url = `/v1/citizens/${child.personal_id}/documents`;
      expect((await inject({ method: 'POST', url, payload: { type: 'passport', number: 'C1', issued_on: '2024-01-02', expires_on: '2020-01-01' } })).json().code).toBe('DATE_INVALID');
      expect((await inject({ method: 'POST', url, payload: { type: 'library_card', number: '1' } })).json().code).toBe('VALIDATION_FAILED');
      expect((await inject({ method: 'POST', url, payload: { type: 'passport', number: 'C1; DROP TABLE citizens' } })).json().code).toBe('VALIDATION_FAILED');
      expect((await inject({ method: 'POST', url: '/v1/citizens/12/documents', payload: { type: 'passport', number: 'C1' } })).json().code).toBe('PERSONAL_ID_MALFORMED');
    });
  });

  describe('service conventions', () => {
    it('serves health and OpenAPI 3.1 outside the guard, and runs the guard before every /v1 route', async () => {
      const guarded = buildNpdbApp({
        db,
        guard: async (request) => {
          if (request.headers['x-ndxp-hub-assertion'] !== 'trusted') throw new NdxpError('HUB_ASSERTION_INVALID', { detail: 'no hub assertion' });
        },
      });
      try {
        expect((await guarded.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
        const doc = await guarded.inject({ method: 'GET', url: '/openapi.json' });
        expect(doc.json().openapi).toBe('3.1.0');
        for (const [method, url] of [['GET', `/v1/citizens/${child.personal_id}`], ['POST', '/v1/citizens/verify'], ['GET', '/v1/changes'], ['GET', `/v1/households/${child.household_id}`]] as const) {
          const res = await guarded.inject({ method, url, ...(method === 'POST' ? { payload: { personal_id: child.personal_id, gender: 'male' } } : {}) });
          expect(res.statusCode, url).toBe(401);
          expect(res.json().code).toBe('HUB_ASSERTION_INVALID');
        }
        const ok = await guarded.inject({ method: 'GET', url: `/v1/citizens/${child.personal_id}?fields=gender`, headers: { 'x-ndxp-hub-assertion': 'trusted' } });
        expect(ok.json()).toEqual({ gender: child.gender });
      } finally {
        await guarded.close();
      }
    });

    it('answers unknown routes with problem+json and speaks English on request', async () => {
      const res = await inject({ method: 'GET', url: '/v2/citizens', headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', title: 'No such route' });
    });
  });
});
