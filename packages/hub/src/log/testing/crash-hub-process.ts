/*
 * One hub process for the crash test (crash.test.ts), started with `node --import tsx`. Configured
 * by the environment like any hub (DATABASE_URL or NDXP_DATA_DIR, PORT, NDXP_HUB_ISSUER, keys,
 * NDXP_LOG_INTERVAL_MS). Next to the hub it runs a provider behind hubGuard, registers (or, after a
 * restart, re-points) the catalogue rows the load needs, and tells the parent its URL and a
 * consumer access token over IPC. The parent kills it with SIGKILL mid-load.
 */
import { createServer, unsafeBrand, type SubsystemId } from '@ndxp/core';
import { hubGuard } from '@ndxp/sdk';
import { startHub } from '../../app/start-hub.ts';
import { issueAccessToken } from '../../identity/issue-access-token.ts';
import { eventually, insertGrant, insertService, insertSubsystem } from '../../state/test-fixtures.ts';
import { CONSUMER, LOOKUP, PURPOSE } from './log-test-kit.ts';

const started = await startHub(process.env);
const { hub } = started;
const db = hub.ctx.db;
const provider = createServer({ name: 'provider', logger: false });
provider.addHook('onRequest', hubGuard({ jwks: hub.ctx.keyring.publicJwks(), issuer: hub.ctx.config.issuer, audience: 'BCA/npdb' }));
provider.get('/api/v1/citizens/:pid', async (request) => ({ personal_id: (request.params as { pid: string }).pid, full_name: 'Trần Thị Bình' }));
const providerUrl = `${await provider.listen({ port: 0, host: '127.0.0.1' })}/api`;

const known = await db.query("SELECT 1 FROM subsystems WHERE id = 'BCA/npdb'");
if (known.rows.length === 0) {
  await insertSubsystem(db, 'BCA/npdb', providerUrl);
  await insertSubsystem(db, CONSUMER);
  await insertService(db, { id: LOOKUP, fields: ['/personal_id', '/full_name'], paths: ['/v1/citizens/{pid}'], subjectLocator: { in: 'path', name: 'pid' } });
  await insertGrant(db, { consumer: CONSUMER, service: LOOKUP, fields: ['/full_name'], purposes: [PURPOSE], validFrom: '2020-01-01T00:00:00Z', validUntil: '2099-01-01T00:00:00Z', quotaPerMinute: 10_000_000 });
} else {
  // Restarted: the provider listens on a new port.
  await db.query("UPDATE subsystems SET base_url = $1 WHERE id = 'BCA/npdb'", [providerUrl]);
  await db.query("SELECT pg_notify('ndxp_hub_changed', 'subsystems')");
}
await eventually(() => hub.state.subsystem('BCA/npdb')?.baseUrl === providerUrl && hub.state.grants(CONSUMER, LOOKUP).length === 1, 'catalogue in the state cache');
const { accessToken } = await issueAccessToken(hub.ctx.keyring, hub.ctx.config.issuer, unsafeBrand<'SubsystemId'>(CONSUMER) as SubsystemId, Date.now(), 600);
process.send?.({ ready: started.url, token: accessToken });
