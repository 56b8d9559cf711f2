import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair } from 'jose';
import { loadMigrations, migrate, openPostgres, openTestDatabase, testBackends, type Db } from '@ndxp/db';
import { createHubState, type HubState } from './hub-state.ts';
import { eventually, insertGrant, insertService, insertSubsystem, setGrantState } from './test-fixtures.ts';

const migrations = await loadMigrations(new URL('../migrations/', import.meta.url));

describe.each(testBackends())('hub state cache on %s', (kind) => {
  let db: Db & { url?: string };
  let other: Db;
  let a: HubState;
  let b: HubState;
  let keyReloads = 0;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await migrate(db, migrations);
    await insertSubsystem(db, 'BCA/npdb', 'http://127.0.0.1:9/api');
    await insertSubsystem(db, 'BTC/tax');
    await insertService(db, { id: 'BCA/npdb/citizen-lookup/v1', fields: ['/full_name', '/date_of_birth'], paths: ['/v1/citizens/{personal_id}', '/v1/health'], subjectLocator: { in: 'path', name: 'personal_id' } });
    // A second process: on PostgreSQL its own connection pool, as a separate hub process has.
    other = kind === 'postgres' ? await openPostgres({ url: db.url!, max: 2 }) : db;
    a = await createHubState({ db, refreshIntervalMs: 0, keys: { reload: async () => void keyReloads++ } });
    b = await createHubState({ db: other, refreshIntervalMs: 0 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    if (other !== db) await other.close();
    await db.close();
  });

  it('loads everything at start and indexes it for O(1) lookups', () => {
    for (const s of [a, b]) {
      expect(s.loaded()).toBe(true);
      expect(s.subsystem('BCA/npdb')).toMatchObject({ memberCode: 'BCA', baseUrl: 'http://127.0.0.1:9/api', status: 'active' });
      const svc = s.service('BCA/npdb/citizen-lookup/v1');
      expect(svc).toMatchObject({ subsystemId: 'BCA/npdb', fields: ['/full_name', '/date_of_birth'], timeoutMs: 5000, maxRequestBytes: 65536 });
      // Only the template that has the parameter is kept, precompiled.
      expect(svc?.subjectLocator).toEqual({ in: 'path', name: 'personal_id', templates: [[{ literal: 'v1' }, { literal: 'citizens' }, { param: 'personal_id' }]] });
      expect(s.service('BCA/npdb/nope/v1')).toBeUndefined();
      expect(s.grants('BTC/tax', 'BCA/npdb/citizen-lookup/v1')).toEqual([]);
    }
  });

  it('sees a change made through another connection (another hub process) via NOTIFY', async () => {
    const id = await insertGrant(db, { consumer: 'BTC/tax', service: 'BCA/npdb/citizen-lookup/v1', fields: ['/full_name'], purposes: ['tax-registration'], validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z', quotaPerMinute: 60 });
    await eventually(() => b.grants('BTC/tax', 'BCA/npdb/citizen-lookup/v1').length === 1, 'grant in the other process');
    await eventually(() => a.grants('BTC/tax', 'BCA/npdb/citizen-lookup/v1').length === 1, 'grant in this process');
    const g = b.grants('BTC/tax', 'BCA/npdb/citizen-lookup/v1')[0]!;
    expect(g).toMatchObject({ id, state: 'active', fields: ['/full_name'], quotaPerMinute: 60, validFromMs: Date.parse('2026-01-01T00:00:00Z'), validUntilMs: Date.parse('2027-01-01T00:00:00Z') });
    expect(g.purposes.has('tax-registration')).toBe(true);

    // The change is written through the *other* connection this time.
    await setGrantState(other, id, 'revoked');
    await eventually(() => a.grants('BTC/tax', 'BCA/npdb/citizen-lookup/v1')[0]?.state === 'revoked', 'revocation');
    await eventually(() => b.grants('BTC/tax', 'BCA/npdb/citizen-lookup/v1')[0]?.state === 'revoked', 'revocation (other)');
  });

  it('reloads only the table named in the notification, and the keyring on hub key changes', async () => {
    const seen: string[][] = [];
    const off = a.onReload((t) => seen.push([...t]));
    const genBefore = a.generation();
    await other.query("SELECT pg_notify('ndxp_hub_changed', 'hub_signing_keys')");
    await eventually(() => a.generation() > genBefore, 'reload');
    expect(seen).toEqual([['hub_signing_keys']]);
    expect(keyReloads).toBeGreaterThanOrEqual(2);
    off();
  });

  it('imports subsystem keys once at load and ignores unusable ones', async () => {
    const { publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const errors: string[] = [];
    await db.query('INSERT INTO subsystem_keys (kid, subsystem_id, alg, public_jwk) VALUES ($1, $2, $3, $4)', ['k1', 'BTC/tax', 'ES256', JSON.stringify(jwk)]);
    await db.query('INSERT INTO subsystem_keys (kid, subsystem_id, alg, public_jwk) VALUES ($1, $2, $3, $4)', ['k-bad', 'BTC/tax', 'ES256', JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' })]);
    const c = await createHubState({ db, refreshIntervalMs: 0, onError: (m) => errors.push(m) });
    expect(c.subsystemKey('k1')).toMatchObject({ subsystemId: 'BTC/tax', alg: 'ES256', notAfterMs: null });
    expect(c.subsystemKey('k1')?.key.type).toBe('public');
    expect(c.subsystemKey('k-bad')).toBeUndefined();
    expect(errors).toEqual(['subsystem key k-bad cannot be imported']);
    await c.close();
  });

  it('keeps serving the previous snapshot when a reload fails, and refuses to start without a database', async () => {
    const errors: string[] = [];
    const c = await createHubState({ db, refreshIntervalMs: 0, onError: (m) => errors.push(m) });
    errors.length = 0;
    await db.query('ALTER TABLE services RENAME TO services_away');
    await c.reload(['services']);
    expect(errors).toEqual(['hub state reload failed']);
    expect(c.service('BCA/npdb/citizen-lookup/v1')).toBeDefined();
    await db.query('ALTER TABLE services_away RENAME TO services');
    await c.reload(['services']);
    expect(c.service('BCA/npdb/citizen-lookup/v1')).toBeDefined();
    await c.close();

    const scratch = await openTestDatabase(kind);
    await expect(createHubState({ db: scratch, refreshIntervalMs: 0 })).rejects.toThrow(/subsystems|services|grants|relation/);
    await scratch.close();
  });
});
