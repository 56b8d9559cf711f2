import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_USERS, startHub, type StartedHub } from '@ndxp/hub';
import { startNpdb, type RunningNpdb } from '@ndxp/npdb';
import { startSectors, type RunningSectors } from '@ndxp/sectors';
import { generateSubsystemKey, hubGuard } from '@ndxp/sdk';
import { login, type Session } from '../api-client.ts';
import { readCredentials, writeCredentials, type ClientCredentials } from '../credentials.ts';
import { ensureActiveGrant, ensureKey, ensureService, ensureSubsystem } from './ensure.ts';
import { NPDB_SUBSYSTEM, npdbRegistrations } from './npdb-registrations.ts';

export interface PlatformOptions {
  /** Root of the PGlite data directories and generated credentials (default `.ndxp`). */
  readonly dataDir: string;
  readonly hubPort: number;
  readonly npdbPort: number;
  /** Synthetic people seeded into an empty NPDB. */
  readonly people: number;
  readonly seed: string;
  /** PostgreSQL URLs per service; absent: PGlite under `dataDir`. */
  readonly hubDatabaseUrl?: string;
  readonly npdbDatabaseUrl?: string;
  readonly sectorsDatabaseUrl?: string;
  /** Start the 19 reference sectoral systems too (default true). */
  readonly sectors?: boolean;
  /** Built web console to serve from the hub, if any. */
  readonly webDistDir?: string;
  readonly logLevel?: string;
}

/** The demo consumer: the tax authority's registration system (Tổng cục Thuế, Bộ Tài chính). */
export const DEMO_CONSUMER = 'BTC/tax';
export const DEMO_PURPOSE = 'tax-registration';

export interface Platform {
  readonly hub: StartedHub;
  readonly npdb: RunningNpdb;
  readonly sectors: RunningSectors | undefined;
  readonly hubUrl: string;
  readonly npdbUrl: string;
  /** Credentials file of the demo consumer. */
  readonly consumerCredentialsFile: string;
  readonly consumerCredentials: ClientCredentials;
  /** A real personal ID from the seeded population, for the printed example call. */
  readonly examplePersonalId: string;
  stop(): Promise<void>;
}

function demoPassword(username: string): string {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (user === undefined) throw new Error(`no demo user ${username}`);
  return user.password;
}

/**
 * Start the whole platform in one process, as `npm start` does: the hub and the NPDB, each on its
 * own database, then register the NPDB and a demo consumer through the hub's own API, walking the
 * real grant lifecycle (consumer admin requests, provider admin approves, operator activates).
 * Idempotent: a second start on the same data directory reuses what exists.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  await mkdir(options.dataDir, { recursive: true });
  const issuer = `http://127.0.0.1:${options.hubPort}`;
  const logLevel = options.logLevel ?? 'warn';
  const hub = await startHub({
    ...process.env,
    NDXP_HUB_ISSUER: issuer,
    PORT: String(options.hubPort),
    NDXP_DATA_DIR: join(options.dataDir, 'hub'),
    NDXP_DEMO: 'true',
    LOG_LEVEL: logLevel,
    ...(options.hubDatabaseUrl === undefined ? { DATABASE_URL: undefined } : { DATABASE_URL: options.hubDatabaseUrl }),
    ...(options.webDistDir === undefined ? {} : { NDXP_WEB_DIST: options.webDistDir }),
  }, { handleSignals: false });

  let npdb: RunningNpdb | undefined;
  // The NPDB answers only requests the hub forwarded (hub-signed assertion, verified against the
  // hub's published JWKS).
  const verifyForwarded = hubGuard({ jwksUrl: `${hub.url}/.well-known/jwks.json`, issuer, audience: NPDB_SUBSYSTEM });
  try {
    npdb = await startNpdb({
      env: {
        PORT: String(options.npdbPort),
        NDXP_DATA_DIR: join(options.dataDir, 'npdb'),
        NPDB_SEED_ON_START: 'true',
        NPDB_SEED_COUNT: String(options.people),
        NPDB_SEED: String(options.seed),
        LOG_LEVEL: logLevel,
        ...(options.npdbDatabaseUrl === undefined ? {} : { DATABASE_URL: options.npdbDatabaseUrl }),
      },
      guard: verifyForwarded,
    });

    const sessions: Record<'operator' | 'provider' | 'consumer', Session> = {
      operator: await login(hub.url, 'operator', demoPassword('operator')),
      provider: await login(hub.url, 'bca.admin', demoPassword('bca.admin')),
      consumer: await login(hub.url, 'btc.admin', demoPassword('btc.admin')),
    };
    await ensureSubsystem(sessions.provider, NPDB_SUBSYSTEM, 'Cơ sở dữ liệu quốc gia về dân cư', npdb.url);
    const services = await npdbRegistrations();
    for (const s of services) await ensureService(sessions.provider, s);

    await ensureSubsystem(sessions.consumer, DEMO_CONSUMER, 'Hệ thống đăng ký thuế', null);
    const credentialsFile = join(options.dataDir, 'credentials', DEMO_CONSUMER.replace('/', '_') + '.json');
    let credentials: ClientCredentials;
    try {
      credentials = await readCredentials(credentialsFile);
    } catch {
      const key = await generateSubsystemKey();
      await ensureKey(sessions.consumer, DEMO_CONSUMER, key.publicJwk);
      credentials = { client_id: DEMO_CONSUMER, private_jwk: key.privateJwk };
      await writeCredentials(credentialsFile, credentials);
    }
    const validUntil = new Date(Date.now() + 365 * 86_400_000).toISOString();
    const lookup = services.find((s) => s.code === 'citizen-lookup');
    const verify = services.find((s) => s.code === 'citizen-verify');
    for (const s of [lookup, verify]) {
      if (s === undefined) continue;
      await ensureActiveGrant(sessions, {
        consumer_id: DEMO_CONSUMER,
        service_id: `${s.subsystem_id}/${s.code}/${s.version}`,
        // The tax authority needs identity, not the whole record (data minimisation, Law 91/2025 Art. 3).
        fields: s.code === 'citizen-lookup' ? s.fields.filter((f) => ['/personal_id', '/full_name', '/date_of_birth', '/gender', '/permanent_residence'].includes(f)) : [...s.fields],
        purposes: [DEMO_PURPOSE],
        legal_basis: 'Luật Quản lý thuế số 38/2019/QH14, Điều 30 (đăng ký thuế)',
        valid_until: validUntil,
        quota_per_minute: 6000,
      });
    }
    // The 19 reference sectoral systems of the action plan (II.1-II.19), seeded from the same
    // synthetic population, onboarded through the hub's API like any agency.
    const sectors = options.sectors === false ? undefined : await startSectors({
      hubUrl: hub.url,
      population: { seed: options.seed, count: options.people },
      database: options.sectorsDatabaseUrl === undefined ? { dataDir: join(options.dataDir, 'sectors') } : { url: options.sectorsDatabaseUrl },
      operator: { username: 'operator', password: demoPassword('operator') },
      logger: false,
    });
    const { rows } = await npdb.db.query<{ personal_id: string }>('SELECT personal_id FROM citizens WHERE date_of_death IS NULL ORDER BY personal_id LIMIT 1');
    const runningNpdb = npdb;
    return {
      hub,
      npdb,
      sectors,
      hubUrl: hub.url,
      npdbUrl: npdb.url,
      consumerCredentialsFile: credentialsFile,
      consumerCredentials: credentials,
      examplePersonalId: rows[0]?.personal_id ?? '',
      async stop() {
        await sectors?.stop();
        await runningNpdb.close();
        await hub.stop();
      },
    };
  } catch (error) {
    await npdb?.close().catch(() => undefined);
    await hub.stop().catch(() => undefined);
    throw error;
  }
}
