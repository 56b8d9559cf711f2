import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, NdxpError, type HttpServer } from '@ndxp/core';
import { testBackends } from '@ndxp/db';
import { authenticateSession, bearerToken } from '../control/auth/authenticate-session.ts';
import { setPrincipal } from '../control/request-principal.ts';
import { issueSessionToken } from '../identity/issue-session-token.ts';
import { ISSUER, startTestHub, type TestHub } from '../exchange/test-kit.ts';
import { registerAuditRoutes } from './audit-routes.ts';

describe.each(testBackends())('GET /api/v1/audit on %s', (kind) => {
  let hub: TestHub;
  let api: HttpServer;
  let operator: string;
  let admin: string;

  beforeAll(async () => {
    hub = await startTestHub(kind);
    await hub.db.query("INSERT INTO members (code, name) VALUES ('BTC', 'Bộ Tài chính')");
    await hub.db.query("INSERT INTO users (username, display_name, role, member_code, password_hash) VALUES ('operator1', 'Operator', 'operator', NULL, 'x'), ('btc-admin', 'Admin', 'consumer_admin', 'BTC', 'x')");
    // The control plane's authenticated scope, as build-hub mounts the route.
    api = createServer({ name: 'hub', logger: false });
    await api.register(async (scope) => {
      const s = scope as unknown as HttpServer;
      s.addHook('onRequest', async (request) => {
        const token = bearerToken(request.headers.authorization);
        if (token === undefined) throw new NdxpError('AUTH_REQUIRED');
        setPrincipal(request, await authenticateSession(hub.ctx, token));
      });
      registerAuditRoutes(s, hub.ctx);
    });
    await api.ready();
    operator = await issueSessionToken(hub.keyring, ISSUER, { username: 'operator1', role: 'operator', member: null }, hub.clock.now(), 600);
    admin = await issueSessionToken(hub.keyring, ISSUER, { username: 'btc-admin', role: 'consumer_admin', member: 'BTC' as never }, hub.clock.now(), 600);
    // Five exchanges (refusals: no token), each one entry.
    for (let i = 0; i < 5; i++) await hub.app.inject({ url: '/x/BCA/npdb/citizen-lookup/v1/v1/citizens/001203012345', headers: { 'x-request-id': `tail-${i}` } });
  });
  afterAll(async () => {
    await api?.close();
    await hub?.close();
  });

  it('pages through the log in sequence order for an operator', async () => {
    const first = await api.inject({ url: '/api/v1/audit?limit=2', headers: { authorization: `Bearer ${operator}` } });
    expect(first.statusCode).toBe(200);
    const a = first.json();
    expect(a).toMatchObject({ next_after_seq: 1, log_size: 5 });
    expect(a.items.map((i: { seq: number; entry: { request_id: string } }) => [i.seq, i.entry.request_id])).toEqual([[0, 'tail-0'], [1, 'tail-1']]);
    const rest = (await api.inject({ url: `/api/v1/audit?after_seq=${a.next_after_seq}&limit=100`, headers: { authorization: `Bearer ${operator}` } })).json();
    expect(rest.items.map((i: { seq: number }) => i.seq)).toEqual([2, 3, 4]);
    expect(rest.items[0].entry).toMatchObject({ error_code: 'AUTH_REQUIRED', status: 401 });
    const none = (await api.inject({ url: '/api/v1/audit?after_seq=4', headers: { authorization: `Bearer ${operator}` } })).json();
    expect(none).toEqual({ items: [], next_after_seq: 4, log_size: 5 });
  });

  it('is for operators only, and validates its query', async () => {
    expect((await api.inject({ url: '/api/v1/audit' })).json().code).toBe('AUTH_REQUIRED');
    const forbidden = await api.inject({ url: '/api/v1/audit', headers: { authorization: `Bearer ${admin}` } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('ROLE_FORBIDDEN');
    for (const q of ['limit=0', 'limit=1001', 'after_seq=-2', 'after_seq=x', 'foo=1']) {
      const res = await api.inject({ url: `/api/v1/audit?${q}`, headers: { authorization: `Bearer ${operator}` } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });
});
