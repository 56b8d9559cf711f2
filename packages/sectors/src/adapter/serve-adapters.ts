import { createServer, type Clock, type HttpServer } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { hubGuard, type HubKeySource } from '@ndxp/sdk';
import type { Logger } from 'pino';
import { AdapterConfigError } from './adapter-config-error.ts';
import { checkAdapterFiles } from './check-adapter-files.ts';
import type { ServiceDescriptor } from '../service-descriptor.ts';

export interface ServeAdaptersOptions {
  /** Adapter configuration files (YAML or JSON), one service each. */
  readonly files: readonly (string | URL)[];
  /** The agency's subsystem on the hub (`member/subsystem`): the audience of hub assertions. */
  readonly subsystemId: string;
  /** The hub this service trusts: its JWKS (URL or pinned keys) and issuer. */
  readonly hub: HubKeySource & { readonly issuer: string; readonly clock?: Clock };
  /** The agency database SQL sources read (open it with `openDatabase` from @ndxp/db). */
  readonly db?: Db;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly host?: string;
  readonly port?: number;
  readonly logger?: Logger | false;
}

/** A running adapter service. */
export interface ServedAdapters {
  readonly app: HttpServer;
  readonly url: string;
  /** Catalogue entries to register on the hub (POST /api/v1/services). */
  readonly descriptors: readonly ServiceDescriptor[];
  close(): Promise<void>;
}

/**
 * Serve adapter configurations as a provider subsystem: every file is checked first (all
 * issues of all files are reported together, and nothing starts if there is one), then each
 * service is served behind the provider SDK's `hubGuard`, answering only with the fields the hub
 * assertion names. This is how an agency publishes an existing database without writing code.
 */
export async function serveAdapters(options: ServeAdaptersOptions): Promise<ServedAdapters> {
  const { loaded, issues } = await checkAdapterFiles(options.files, { ...(options.db === undefined ? {} : { db: options.db }), ...(options.env === undefined ? {} : { env: options.env }) });
  if (issues.length > 0) throw new AdapterConfigError(issues);
  const app = createServer({ name: `adapter-${options.subsystemId}`, logger: options.logger ?? false });
  app.addHook('onRequest', hubGuard({ ...options.hub, audience: options.subsystemId }));
  for (const a of loaded) a.register(app, { fieldsOf: (request) => request.ndxp?.fields });
  const url = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  return { app, url, descriptors: loaded.map((a) => a.descriptor), close: () => app.close() };
}
