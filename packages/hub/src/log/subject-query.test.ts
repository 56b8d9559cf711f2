import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { unsafeBrand, type MemberCode, type PersonalId, type SubsystemId } from '@ndxp/core';
import { assertIdentifier, testBackends } from '@ndxp/db';
import { decodeBase64, encodeUtf8, hashLeaf, noteVerifiers, openCheckpoint, parseVerifierKey, verifyInclusion } from '@ndxp/ledger';
import { buildHub, type Hub } from '../app/build-hub.ts';
import { loadHubConfig } from '../app/hub-config.ts';
import { TEST_ISSUER, TEST_OPERATOR_PASSWORD } from '../app/test-hub.ts';
import { createUser } from '../control/users/create-user.ts';
import { issueAccessToken } from '../identity/issue-access-token.ts';
import { authoriseSubjectQuery } from './authorise-subject-query.ts';
import { CONSUMER, LEGAL_BASIS, LOOKUP, PURPOSE, openLogTestHub, type LogTestHub } from './testing/log-test-kit.ts';

const ANNA = '001203012345';
const BINH = '079187654321';
const CUONG = '048095000111';
const KEY_1 = Buffer.alloc(32, 9);
const KEY_2 = Buffer.alloc(32, 10);

interface Item {
  index: number; time: string; consumer: string | null; service: string | null; purpose: string | null; legal_basis: string | null;
  grant_id: string | null; status: number; error_code: string | null; outcome: string; fields: string[] | null; entry: string; proof: string[] | null;
}
interface Answer { checkpoint: { size: number; root_hash: string; note: string }; key_ids: string[]; items: Item[]; next_after_index: number }

describe.each(testBackends())('subject query and log index on %s', (kind) => {
  let t: LogTestHub;
  let operator: string;
  const seen: Record<string, { index: number; requestId: string; status: number }[]> = { [ANNA]: [], [BINH]: [], [CUONG]: [] };

  const query = (token: string, body: unknown, hub: Hub = t.hub) => hub.app.inject({ method: 'POST', url: '/api/v1/log/subject-query', headers: { authorization: `Bearer ${token}` }, payload: body as object });
  const call = async (pid: string, options?: { purpose?: string }) => {
    const r = await t.lookup(pid, options);
    expect(r.index, r.body).toBeTypeOf('number');
    seen[pid]!.push({ index: r.index!, requestId: r.requestId, status: r.status });
    return r;
  };

  beforeAll(async () => {
    t = await openLogTestHub(kind, { NDXP_AUDIT_SUBJECT_KEY: KEY_1.toString('base64') });
    operator = await t.login('root', TEST_OPERATOR_PASSWORD);
    await call(ANNA);
    await call(BINH);
    await call(ANNA);
    // A refused exchange (purpose not granted) touched Anna too, and is in her history.
    expect((await call(ANNA, { purpose: 'marketing' })).status).toBe(403);
    await t.hub.log.integrate();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers with x-ndxp-log-index = the leaf index, provable later by index and by entry hash', async () => {
    const r = await call(CUONG);
    expect(r.status).toBe(200);
    await t.hub.log.integrate();
    const get = async (url: string) => (await t.hub.app.inject({ method: 'GET', url })).json();
    const { entries } = await get(`/log/v1/entries?start=${r.index}&end=${r.index! + 1}`) as { entries: { index: number; entry: string }[] };
    const entry = JSON.parse(entries[0]!.entry) as { request_id: string; subject_hmac: string };
    expect(entry.request_id).toBe(r.requestId);
    expect(entry.subject_hmac).toBe(createHmac('sha256', KEY_1).update(CUONG).digest('hex'));
    const leaf = hashLeaf(encodeUtf8(entries[0]!.entry));
    const keys = (await get('/log/v1/keys') as { keys: { verifier_key: string }[] }).keys.map((k) => parseVerifierKey(k.verifier_key));
    for (const url of [`/log/v1/proof/inclusion?index=${r.index}`, `/log/v1/proof/inclusion?leaf_hash=${Buffer.from(leaf).toString('hex')}`]) {
      const p = await get(url) as { index: number; tree_size: number; proof: string[]; checkpoint: string };
      expect(p.index).toBe(r.index);
      const root = openCheckpoint(p.checkpoint, noteVerifiers(keys)).checkpoint.rootHash;
      expect(verifyInclusion({ index: p.index, size: p.tree_size, leafHash: leaf, proof: p.proof.map((x) => decodeBase64(x)), rootHash: root })).toBe(true);
    }
  });

  it('returns every exchange that touched the person — who, service, purpose, legal basis, when, outcome — each with a proof', async () => {
    const res = await query(operator, { personal_id: ANNA });
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json() as Answer;
    expect(a.items.map((i) => i.index)).toEqual(seen[ANNA]!.map((s) => s.index));
    const keys = noteVerifiers((await t.hub.app.inject({ method: 'GET', url: '/log/v1/keys' })).json<{ keys: { verifier_key: string }[] }>().keys.map((k) => parseVerifierKey(k.verifier_key)));
    const cp = openCheckpoint(a.checkpoint.note, keys).checkpoint;
    expect(cp.size).toBe(a.checkpoint.size);
    for (const item of a.items) {
      const entry = JSON.parse(item.entry) as Record<string, unknown>;
      expect(entry['request_id']).toBe(seen[ANNA]!.find((s) => s.index === item.index)!.requestId);
      expect(item.proof).not.toBeNull();
      expect(verifyInclusion({ index: item.index, size: cp.size, leafHash: hashLeaf(encodeUtf8(item.entry)), proof: item.proof!.map((x) => decodeBase64(x)), rootHash: cp.rootHash })).toBe(true);
      expect(item).toMatchObject({ consumer: CONSUMER, service: LOOKUP, time: '2026-03-02T01:00:00.000Z' });
    }
    expect(a.items.slice(0, 2).map((i) => [i.purpose, i.legal_basis, i.status, i.outcome, i.error_code, i.fields])).toEqual([
      [PURPOSE, LEGAL_BASIS, 200, 'released', null, ['/full_name', '/date_of_birth']],
      [PURPOSE, LEGAL_BASIS, 200, 'released', null, ['/full_name', '/date_of_birth']],
    ]);
    expect(a.items[2]).toMatchObject({ purpose: 'marketing', status: 403, outcome: 'refused', error_code: 'PURPOSE_NOT_GRANTED', fields: null });
    // Binh's exchange is not Anna's.
    expect((await query(operator, { personal_id: BINH })).json<Answer>().items.map((i) => i.index)).toEqual(seen[BINH]!.map((s) => s.index));
  });

  it('pages through a long history and marks entries newer than the checkpoint as not yet provable', async () => {
    await call(ANNA);
    const page1 = (await query(operator, { personal_id: ANNA, limit: 2 })).json<Answer>();
    expect(page1.items).toHaveLength(2);
    const page2 = (await query(operator, { personal_id: ANNA, after_index: page1.next_after_index, limit: 10 })).json<Answer>();
    expect([...page1.items, ...page2.items].map((i) => i.index)).toEqual(seen[ANNA]!.map((s) => s.index));
    expect(page2.items.at(-1)!.proof).toBeNull();
    await t.hub.log.integrate();
    const after = (await query(operator, { personal_id: ANNA, after_index: page1.next_after_index })).json<Answer>();
    expect(after.items.at(-1)!.proof).not.toBeNull();
  });

  it('refuses other roles, anonymous callers and malformed IDs; the ID is only ever accepted in the body', async () => {
    await createUser(t.db, { username: 'btc.admin', display_name: 'BTC', role: 'consumer_admin', member_code: unsafeBrand<'MemberCode'>('BTC') as MemberCode, password: 'consumer-password' }, { scryptLogN: 8, nowMs: t.clock.now() });
    const consumerAdmin = await t.login('btc.admin', 'consumer-password');
    const refused = await query(consumerAdmin, { personal_id: ANNA });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ code: string }>().code).toBe('ROLE_FORBIDDEN');
    expect((await t.hub.app.inject({ method: 'POST', url: '/api/v1/log/subject-query', payload: { personal_id: ANNA } })).statusCode).toBe(401);
    for (const [body, code] of [
      [{ personal_id: '12345' }, 'PERSONAL_ID_MALFORMED'],
      [{ personal_id: '999123456789' }, 'PERSONAL_ID_MALFORMED'],
      [{ personal_id: 1203012345 }, 'PERSONAL_ID_MALFORMED'],
      [{}, 'VALIDATION_FAILED'],
      [{ personal_id: ANNA, extra: 1 }, 'VALIDATION_FAILED'],
      [{ personal_id: ANNA, limit: 501 }, 'VALIDATION_FAILED'],
    ] as const) {
      const res = await query(operator, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json<{ code: string }>().code).toBe(code);
    }
    expect((await t.hub.app.inject({ method: 'GET', url: `/api/v1/log/subject-query?personal_id=${ANNA}`, headers: { authorization: `Bearer ${operator}` } })).statusCode).toBe(404);
  });

  it('lets a citizen ask only about their own ID (the rule the e-ID session will use)', () => {
    const anna = unsafeBrand<'PersonalId'>(ANNA) as PersonalId;
    const binh = unsafeBrand<'PersonalId'>(BINH) as PersonalId;
    expect(() => authoriseSubjectQuery({ kind: 'citizen', personalId: anna }, anna)).not.toThrow();
    expect(() => authoriseSubjectQuery({ kind: 'citizen', personalId: anna }, binh)).toThrow(expect.objectContaining({ code: 'ROLE_FORBIDDEN' }));
    expect(() => authoriseSubjectQuery({ kind: 'staff', principal: { username: 'x', role: 'provider_admin', member: null } }, anna)).toThrow(expect.objectContaining({ code: 'ROLE_FORBIDDEN' }));
  });

  it('still finds old entries after the subject key rotates (retired keys are kept for lookups only)', async () => {
    // A second hub process on the same database, configured after a rotation: new key, old key retired.
    const config = loadHubConfig({
      NDXP_HUB_ISSUER: TEST_ISSUER, NDXP_HUB_SCRYPT_LOG_N: '8', NDXP_HUB_KEK: t.config.kek.toString('base64'), NDXP_LOG_INTEGRATION: 'false',
      NDXP_AUDIT_SUBJECT_KEY: KEY_2.toString('base64'), NDXP_AUDIT_SUBJECT_RETIRED_KEYS: KEY_1.toString('base64'),
    });
    const rotated = await buildHub({ db: t.db, config, clock: t.clock, logger: false, exchange: { processMetrics: false } });
    try {
      const { accessToken } = await issueAccessToken(rotated.ctx.keyring, TEST_ISSUER, unsafeBrand<'SubsystemId'>(CONSUMER) as SubsystemId, t.clock.now(), 300);
      const res = await rotated.app.inject({ method: 'GET', url: `/x/${LOOKUP}/v1/citizens/${ANNA}`, headers: { authorization: `Bearer ${accessToken}`, 'x-ndxp-purpose': PURPOSE } });
      expect(res.statusCode, res.body).toBe(200);
      const newIndex = Number(res.headers['x-ndxp-log-index']);
      const { rows } = await t.db.query<{ subject_hmac: string; subject_key_id: string }>("SELECT encode(subject_hmac, 'hex') AS subject_hmac, subject_key_id FROM audit_log WHERE seq = $1", [newIndex]);
      expect(rows[0]!.subject_hmac).toBe(createHmac('sha256', KEY_2).update(ANNA).digest('hex'));
      await rotated.log.integrate();
      const session = (await rotated.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'root', password: TEST_OPERATOR_PASSWORD } })).json<{ access_token: string }>().access_token;
      const a = (await query(session, { personal_id: ANNA }, rotated)).json<Answer>();
      expect(a.key_ids).toHaveLength(2);
      expect(a.items.map((i) => i.index)).toEqual([...seen[ANNA]!.map((s) => s.index), newIndex]);
      expect(a.items.every((i) => i.proof !== null)).toBe(true);
      // The first hub, which knows only the old key, finds the old entries but not the new one.
      const old = (await query(operator, { personal_id: ANNA })).json<Answer>();
      expect(old.items.map((i) => i.index)).toEqual(seen[ANNA]!.map((s) => s.index));
    } finally {
      await rotated.close();
    }
  });

  it('never stores a raw personal ID anywhere in the database', async () => {
    const tables = (await t.db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")).rows.map((r) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(['audit_log', 'log_leaves', 'log_checkpoints', 'log_nodes', 'log_tree', 'log_keys']));
    let rowsScanned = 0;
    for (const table of tables) {
      const name = assertIdentifier(table);
      rowsScanned += Number((await t.db.query<{ n: number }>(`SELECT count(*)::int8 AS n FROM ${name}`)).rows[0]!.n);
      for (const pid of [ANNA, BINH, CUONG]) {
        const hits = await t.db.query<{ n: number }>(`SELECT count(*)::int8 AS n FROM ${name} AS x WHERE x::text LIKE '%' || $1 || '%'`, [pid]);
        expect(Number(hits.rows[0]!.n), `${pid} found in ${table}`).toBe(0);
      }
    }
    expect(rowsScanned).toBeGreaterThan(10);
    // The scan itself can find IDs: the same query sees one in a value that contains it.
    expect(Number((await t.db.query<{ n: number }>("SELECT count(*)::int8 AS n FROM (SELECT 'x' || $1 || 'y' AS v) AS x WHERE x::text LIKE '%' || $1 || '%'", [ANNA])).rows[0]!.n)).toBe(1);
  });
});
