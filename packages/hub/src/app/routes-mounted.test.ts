import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestHub, TEST_OPERATOR_PASSWORD, type TestHub } from './test-hub.ts';

/** The assembled hub mounts the session-scoped extras (audit tail) with their role checks. */
describe('buildHub mounts the audit tail inside the control-plane session scope', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await openTestHub('pglite', { NDXP_DEMO: 'true' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers an operator, refuses anonymous callers and other roles', async () => {
    const operator = await t.login('root', TEST_OPERATOR_PASSWORD);
    const ok = await t.hub.app.inject({ method: 'GET', url: '/api/v1/audit?after_seq=-1&limit=10', headers: { authorization: `Bearer ${operator}` } });
    expect(ok.statusCode).toBe(200);
    expect(Array.isArray(ok.json().items)).toBe(true);

    const anonymous = await t.hub.app.inject({ method: 'GET', url: '/api/v1/audit' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('AUTH_REQUIRED');

    const consumer = await t.login('btc.admin', 'ndxp-demo-consumer');
    const refused = await t.hub.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { authorization: `Bearer ${consumer}` } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('ROLE_FORBIDDEN');
  });
});
