import { systemClock, type Clock } from '@ndxp/core';
import { openDatabase, type Db } from '@ndxp/db';
import type { Logger } from 'pino';
import { SECTOR_SYSTEMS } from '../systems/index.ts';
import { loginHubAdmin, type HubAdmin } from './hub-admin.ts';
import { provisionNpdbSide, provisionSectorSystem, type ActiveGrant, type SubsystemCredentials } from './provision.ts';
import { openSchemaDatabase, schemaNameOf } from './schema-database.ts';
import { prepareSystemDatabases, type PopulationSpec } from './seed-system.ts';
import { startSectorSystem, subsystemIdOf, type RunningSectorSystem } from './start-sector-system.ts';

export interface StartSectorsOptions {
  /** The hub's base URL; also its issuer unless `issuer` says otherwise. */
  readonly hubUrl: string;
  readonly issuer?: string;
  /** The population the NPDB holds (same seed and count). */
  readonly population: PopulationSpec;
  /**
   * The sectors' database: PostgreSQL (`postgres://…`), a PGlite data directory, or an open `Db`
   * (tests). Each system lives in its own schema of it.
   */
  readonly database: { readonly url?: string; readonly dataDir?: string } | { readonly db: Db };
  /** An operator account: onboards the 19 systems through the control-plane API. */
  readonly operator: { readonly username: string; readonly password: string };
  /** Start and provision only these items (default: all 19). */
  readonly only?: readonly string[];
  readonly host?: string;
  readonly clock?: Clock;
  readonly logger?: Logger | false;
  /** How long the keys registered at this start stay valid (default 30 days). */
  readonly keyValidityDays?: number;
}

export interface RunningSectors {
  readonly systems: readonly RunningSectorSystem[];
  /** Credentials of each system's subsystem and of the NPDB side's consumer, by subsystem id. */
  readonly credentials: ReadonlyMap<string, SubsystemCredentials>;
  /** Every grant made active (or found active) during onboarding. */
  readonly grants: readonly ActiveGrant[];
  readonly admin: HubAdmin;
  stop(): Promise<void>;
}

/**
 * Start the reference sectoral systems in this process and onboard them on the hub: one database
 * (a schema per system), each system on its own port behind `hubGuard`, then member, subsystem,
 * key, catalogue entries, grants (recorded with purpose and legal basis) and action-plan links
 * through the hub's control-plane API. The NPDB must already be registered on the hub.
 */
export async function startSectors(options: StartSectorsOptions): Promise<RunningSectors> {
  const clock = options.clock ?? systemClock;
  const issuer = (options.issuer ?? options.hubUrl).replace(/\/+$/, '');
  const ownDb = !('db' in options.database);
  const base = 'db' in options.database ? options.database.db : await openDatabase({ url: options.database.url, dataDir: options.database.dataDir });
  const systems: RunningSectorSystem[] = [];
  try {
    const chosen = options.only === undefined ? SECTOR_SYSTEMS : SECTOR_SYSTEMS.filter((s) => options.only?.includes(s.planItem));
    const entries = [];
    for (const system of chosen) entries.push({ system, db: await openSchemaDatabase(base, schemaNameOf(system.subsystem.code)) });
    // One pass over the population seeds every system that needs it.
    const prepared = await prepareSystemDatabases(entries, options.population);
    for (const [i, { system, db }] of entries.entries()) {
      systems.push(await startSectorSystem({
        system,
        db,
        population: options.population,
        ...(prepared[i] === undefined ? {} : { prepared: prepared[i] }),
        hub: { jwksUrl: `${options.hubUrl.replace(/\/+$/, '')}/.well-known/jwks.json`, issuer, clock },
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.logger === undefined ? {} : { logger: options.logger }),
      }));
    }
    const admin = await loginHubAdmin(options.hubUrl, options.operator.username, options.operator.password);
    const nowMs = clock.now();
    const keyNotAfterMs = nowMs + (options.keyValidityDays ?? 30) * 86_400_000;
    const credentials = new Map<string, SubsystemCredentials>();
    credentials.set('BCA/sector-exchange', await provisionNpdbSide(admin, { nowMs, keyNotAfterMs }));
    const grants: ActiveGrant[] = [];
    for (const running of systems) {
      const p = await provisionSectorSystem(admin, running, { nowMs, keyNotAfterMs });
      credentials.set(subsystemIdOf(running.system), p.credentials);
      grants.push(...p.grants);
    }
    return {
      systems,
      credentials,
      grants,
      admin,
      async stop() {
        for (const s of systems) await s.close();
        if (ownDb) await base.close();
      },
    };
  } catch (error) {
    for (const s of systems) await s.close().catch(() => undefined);
    if (ownDb) await base.close().catch(() => undefined);
    throw error;
  }
}
