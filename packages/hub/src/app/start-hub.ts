import { mkdir } from 'node:fs/promises';
import { warnInsecure } from '@ndxp/core';
import { openDatabase } from '@ndxp/db';
import { buildHub, type Hub } from './build-hub.ts';
import { loadHubConfig } from './hub-config.ts';

export interface StartedHub {
  readonly hub: Hub;
  /** The address the hub listens on, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** Graceful stop: refuse new connections, finish in-flight requests, close the database. */
  stop(): Promise<void>;
}

/**
 * Start the hub as a process: parse the configuration once (fail fast), warn loudly about every
 * insecure setting, open the database (PostgreSQL with DATABASE_URL, PGlite otherwise), listen, and
 * stop gracefully on SIGTERM/SIGINT.
 */
export async function startHub(env: Readonly<Record<string, string | undefined>> = process.env, options: { readonly handleSignals?: boolean } = {}): Promise<StartedHub> {
  const config = loadHubConfig(env);
  warnInsecure('hub', config.insecure);
  // PGlite creates its data directory but not the parents (`.ndxp/` on a first run).
  if (config.databaseUrl === undefined && !config.dataDir.includes('://')) await mkdir(config.dataDir, { recursive: true });
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl === undefined ? config.dataDir : undefined, poolSize: config.databasePoolSize });
  let hub: Hub;
  try {
    hub = await buildHub({ db, config });
  } catch (error) {
    await db.close();
    throw error;
  }
  const url = await hub.app.listen({ port: config.port, host: config.host });
  hub.ctx.logger.info({ url, issuer: config.issuer, database: db.kind }, 'hub listening');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      hub.ctx.logger.info('hub stopping');
      await hub.close();
      await db.close();
    })();
    return stopping;
  };
  if (options.handleSignals ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        stop().then(() => process.exit(0), (error: unknown) => {
          hub.ctx.logger.error({ err: error }, 'unclean stop');
          process.exit(1);
        });
      });
    }
  }
  return { hub, url, stop };
}
