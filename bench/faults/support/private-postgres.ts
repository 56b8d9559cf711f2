import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Where Debian puts the PostgreSQL 15 server binaries. */
export const PG_BIN = process.env['NDXP_FAULTS_PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

/** A PostgreSQL server of the test's own: its data directory, port and life are the test's. */
export interface PrivatePostgres {
  readonly port: number;
  readonly dataDir: string;
  /** Connection URL of database `db` (role `ndxp`, trust authentication on loopback only). */
  url(db?: string): string;
  /** `pg_ctl stop`: `immediate` is a crash (no checkpoint, clients cut), `fast` a clean shutdown. */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  start(): Promise<void>;
  running(): boolean;
  /** Stop it and delete its data directory. */
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * `initdb` a fresh cluster in a temporary directory and start it on a free loopback port. The
 * shared server on 5432 is never touched. PostgreSQL refuses to run as root, so under root the
 * binaries run as the `postgres` system user (runuser), which owns the directory. `settings` are
 * extra postgresql.conf lines; `parentDir` is where the temporary directory goes (a tmpfs, to take
 * the disk out of an experiment).
 */
export async function startPrivatePostgres(settings: readonly string[] = [], parentDir: string = tmpdir()): Promise<PrivatePostgres> {
  const base = await mkdtemp(join(parentDir, 'ndxp-faults-pg-'));
  const dataDir = join(base, 'data');
  const logFile = join(base, 'server.log');
  const port = await freePort();
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(base, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgRun = (bin: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]) : run(join(PG_BIN, bin), args));
  await pgRun('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'ndxp', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // Durable commits (fsync on, synchronous_commit on: the defaults): an immediate stop is a crash,
  // and what the hub saw committed must survive it.
  await appendFile(join(dataDir, 'postgresql.conf'), [
    `port = ${port}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${base}'`,
    'max_connections = 200', 'shared_buffers = 64MB', "log_min_messages = 'warning'", 'fsync = on', 'synchronous_commit = on', ...settings, '',
  ].join('\n'));
  await writeFile(logFile, '');
  if (asRoot) await run('chown', ['postgres:postgres', logFile]);
  let up = false;
  const start = async (): Promise<void> => {
    await pgRun('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
    up = true;
  };
  const stop = async (mode: 'immediate' | 'fast' = 'fast'): Promise<void> => {
    await pgRun('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
    up = false;
  };
  await start();
  const url = (db = 'postgres') => `postgres://ndxp@127.0.0.1:${port}/${db}`;
  return {
    port,
    dataDir,
    url,
    stop,
    start,
    running: () => up,
    async destroy() {
      if (up) await stop('immediate').catch(() => undefined);
      await rm(base, { recursive: true, force: true });
    },
  };
}

/** `CREATE DATABASE name` on a private server. */
export async function createDatabase(server: PrivatePostgres, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a database name: ${name}`);
  const client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  try {
    // A name checked above; identifiers cannot be parameters.
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return server.url(name);
}
