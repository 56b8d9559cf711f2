import { fixedClock, type FixedClock } from '@ndxp/core';
import { openTestDatabase, type Db, type DbKind } from '@ndxp/db';
import { createUser } from '../control/users/create-user.ts';
import { buildHub, type Hub } from './build-hub.ts';
import { loadHubConfig, type HubConfig } from './hub-config.ts';

/** Issuer used by in-process tests. */
export const TEST_ISSUER = 'http://hub.test';
/** A fixed start time for tests. */
export const TEST_START = '2026-03-02T01:00:00Z';
/** Password of the operator every test hub starts with. */
export const TEST_OPERATOR_PASSWORD = 'operator-test-password';

export interface TestHub {
  readonly hub: Hub;
  readonly db: Db;
  readonly clock: FixedClock;
  readonly config: HubConfig;
  /** Log in through the API and return the session token. */
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A hub on a fresh test database with a fixed clock, no logging, a cheap scrypt cost (tests only;
 * production never goes below 2^15) and an operator `root` already created.
 */
export async function openTestHub(kind: DbKind, env: Readonly<Record<string, string>> = {}): Promise<TestHub> {
  const db = await openTestDatabase(kind);
  const clock = fixedClock(TEST_START);
  const config = loadHubConfig({ NDXP_HUB_ISSUER: TEST_ISSUER, NDXP_HUB_SCRYPT_LOG_N: '8', NDXP_HUB_KEK: Buffer.alloc(32, 1).toString('base64'), ...env });
  const hub = await buildHub({ db, config, clock, logger: false, exchange: { processMetrics: false } });
  await createUser(db, { username: 'root', display_name: 'Root operator', role: 'operator', password: TEST_OPERATOR_PASSWORD }, { scryptLogN: config.scryptLogN, nowMs: clock.now() });
  return {
    hub,
    db,
    clock,
    config,
    async login(username, password) {
      const res = await hub.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
      return (res.json() as { access_token: string }).access_token;
    },
    async close() {
      await hub.close();
      await db.close();
    },
  };
}
