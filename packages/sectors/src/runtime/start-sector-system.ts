import { createServer, systemClock, type Clock, type HttpServer } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { hubGuard, type HubKeySource } from '@ndxp/sdk';
import type { Logger } from 'pino';
import { loadAdapter } from '../adapter/load-adapter.ts';
import type { FieldsOf } from '../adapter/register-adapter-route.ts';
import type { ServiceDescriptor } from '../service-descriptor.ts';
import type { SectorSystem } from './sector-system.ts';
import { prepareSystemDatabase, type PopulationSpec, type SeedSummary } from './seed-system.ts';

export interface StartSectorSystemOptions {
  readonly system: SectorSystem;
  /** The system's own database (the caller opened it and closes it). */
  readonly db: Db;
  readonly population: PopulationSpec;
  /** The database was already prepared for this population (by `prepareSystemDatabases`); skip it. */
  readonly prepared?: SeedSummary;
  /**
   * The hub the system trusts: every request must carry a hub assertion issued by `issuer` and
   * signed by a key of the hub's JWKS (`{ jwksUrl: `${hub}/.well-known/jwks.json` }`, or pinned keys).
   */
  readonly hub: HubKeySource & { readonly issuer: string; readonly clock?: Clock };
  readonly host?: string;
  /** 0 (default): an ephemeral port. */
  readonly port?: number;
  readonly logger?: Logger | false;
}

/** A running sectoral system. */
export interface RunningSectorSystem {
  readonly system: SectorSystem;
  readonly app: HttpServer;
  /** Base URL the hub forwards to (`subsystems.base_url`). */
  readonly url: string;
  /** Catalogue entries of the services it provides. */
  readonly descriptors: readonly ServiceDescriptor[];
  readonly seeded: SeedSummary;
  close(): Promise<void>;
}

/** The subsystem id of a system on the hub (`member/subsystem`). */
export function subsystemIdOf(system: SectorSystem): string {
  return `${system.member.code}/${system.subsystem.code}`;
}

/**
 * The shared runner of the reference sectoral systems: migrate and seed the system's own
 * database, load its services (adapter configuration files are checked against the database at
 * this point), and serve them behind the provider SDK's `hubGuard`, so only requests the hub
 * forwarded, with a valid hub assertion, reach a handler. Each handler returns no more than the
 * fields the assertion names (minimisation at the source).
 */
export async function startSectorSystem(options: StartSectorSystemOptions): Promise<RunningSectorSystem> {
  const { system, db } = options;
  const seeded = options.prepared ?? (await prepareSystemDatabase(db, system, options.population));
  const app = createServer({ name: `sector-${system.subsystem.code}`, logger: options.logger ?? false });
  app.addHook('onRequest', hubGuard({ ...options.hub, audience: subsystemIdOf(system) }));
  const fieldsOf: FieldsOf = (request) => request.ndxp?.fields;
  const descriptors: ServiceDescriptor[] = [];
  for (const service of system.services) {
    if (service.kind === 'adapter') {
      const adapter = await loadAdapter({ file: service.file, db });
      adapter.register(app, { fieldsOf });
      descriptors.push(adapter.descriptor);
    } else {
      service.register(app, { db, fieldsOf, clock: options.hub.clock ?? systemClock });
      descriptors.push(service.descriptor);
    }
  }
  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  return {
    system,
    app,
    url: address,
    descriptors,
    seeded,
    async close() {
      await app.close();
    },
  };
}
