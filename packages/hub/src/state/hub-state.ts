import type { Db } from '@ndxp/db';
import { grantKey, loadGrants } from './load-grants.ts';
import { loadServices } from './load-services.ts';
import { loadSubsystemKeys } from './load-subsystem-keys.ts';
import { loadSubsystems } from './load-subsystems.ts';
import type { CachedGrant, CachedService, CachedSubsystem, CachedSubsystemKey, CachedTable } from './types.ts';

/** The channel control-plane writes notify on (payload: the table name), see the hub contract. */
export const HUB_CHANGED = 'ndxp_hub_changed';

const TABLES: readonly CachedTable[] = ['subsystems', 'subsystem_keys', 'hub_signing_keys', 'services', 'grants'];
const EMPTY: readonly CachedGrant[] = Object.freeze([]);

/** Something holding the hub's signing keys that can re-read them (the hub keyring). */
export interface ReloadableKeys {
  reload(): Promise<void>;
}

export interface HubStateOptions {
  readonly db: Db;
  /** The hub keyring: reloaded when `hub_signing_keys` changes, so every process signs and verifies with current keys. */
  readonly keys?: ReloadableKeys;
  /**
   * Full reload period, ms (default 60 000; 0 disables). A safety net only: NOTIFY is the
   * mechanism, but a LISTEN connection that dropped silently would otherwise leave this process
   * stale forever.
   */
  readonly refreshIntervalMs?: number;
  /** Server-side reporting of reload failures and unusable rows. */
  readonly onError?: (message: string, error?: unknown) => void;
}

/**
 * The hub's in-memory view of subsystems, their keys, services and grants. Every lookup is a
 * `Map` get: the data plane's hot path does no database reads. Changes arrive by
 * `LISTEN ndxp_hub_changed`; each process reloads the table named in the payload, so several
 * hub processes sharing one PostgreSQL stay consistent within one notification round trip.
 */
export interface HubState {
  service(id: string): CachedService | undefined;
  subsystem(id: string): CachedSubsystem | undefined;
  /** Every grant of `consumerId` on `serviceId`, oldest first (any state). */
  grants(consumerId: string, serviceId: string): readonly CachedGrant[];
  subsystemKey(kid: string): CachedSubsystemKey | undefined;
  /** True once the first full load has completed. */
  loaded(): boolean;
  /** Reload `tables` (default: all) now. Concurrent calls are coalesced. */
  reload(tables?: readonly CachedTable[]): Promise<void>;
  /** Be told after each reload which tables were refreshed. Returns an unsubscribe function. */
  onReload(listener: (tables: readonly CachedTable[]) => void): () => void;
  /** Number of completed reloads (tests and /readyz). */
  generation(): number;
  close(): Promise<void>;
}

/** Load the state and start listening for changes. Resolves once everything is loaded. */
export async function createHubState(options: HubStateOptions): Promise<HubState> {
  const { db } = options;
  const report = options.onError ?? (() => undefined);
  let subsystems = new Map<string, CachedSubsystem>();
  let keys = new Map<string, CachedSubsystemKey>();
  let services = new Map<string, CachedService>();
  let grants = new Map<string, CachedGrant[]>();
  let isLoaded = false;
  let gen = 0;
  let closed = false;
  const listeners = new Set<(tables: readonly CachedTable[]) => void>();

  // Coalescing: one reload runs at a time; tables asked for meanwhile are reloaded right after.
  let wanted = new Set<CachedTable>();
  let running: Promise<void> | undefined;

  async function loadTables(tables: ReadonlySet<CachedTable>): Promise<void> {
    // Each table is loaded into a new Map and swapped in whole, so a lookup never sees half a load.
    const jobs: Promise<unknown>[] = [];
    if (tables.has('subsystems')) jobs.push(loadSubsystems(db).then((m) => void (subsystems = m)));
    if (tables.has('subsystem_keys')) jobs.push(loadSubsystemKeys(db, (kid, e) => report(`subsystem key ${kid} cannot be imported`, e)).then((m) => void (keys = m)));
    if (tables.has('services')) jobs.push(loadServices(db, (id, why) => report(`service ${id}: ${why}`)).then((m) => void (services = m)));
    if (tables.has('grants')) jobs.push(loadGrants(db).then((m) => void (grants = m)));
    if (tables.has('hub_signing_keys') && options.keys !== undefined) jobs.push(options.keys.reload());
    await Promise.all(jobs);
  }

  function drain(): Promise<void> {
    if (running !== undefined) return running;
    running = (async () => {
      while (wanted.size > 0 && !closed) {
        const batch = wanted;
        wanted = new Set();
        try {
          await loadTables(batch);
          gen++;
          const list = [...batch];
          for (const l of listeners) l(list);
        } catch (error) {
          // Keep serving the previous snapshot; retry these tables with the next change or refresh.
          report('hub state reload failed', error);
          for (const t of batch) wanted.add(t);
          if (!isLoaded) throw error;
          break;
        }
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  function request(tables: readonly CachedTable[]): Promise<void> {
    for (const t of tables) wanted.add(t);
    // A reload in progress may have read its table before the change committed: chain another.
    return (running ?? Promise.resolve()).then(() => drain());
  }

  // LISTEN before the first load, so a change committed during the load is not missed.
  const unlisten = await db.listen(HUB_CHANGED, (payload) => {
    const table = TABLES.find((t) => t === payload);
    void request(table === undefined ? (payload === 'members' || payload === 'users' ? [] : TABLES) : [table]).catch(() => undefined);
  }, () => {
    // The LISTEN connection broke and is back (a PostgreSQL restart): changes notified meanwhile
    // were missed, so reload everything rather than wait for the periodic refresh.
    void request(TABLES).catch(() => undefined);
  });
  try {
    await request(TABLES);
  } catch (error) {
    await unlisten();
    throw error;
  }
  isLoaded = true;

  const period = options.refreshIntervalMs ?? 60_000;
  const timer = period > 0 ? setInterval(() => void request(TABLES).catch(() => undefined), period) : undefined;
  timer?.unref();

  return {
    service: (id) => services.get(id),
    subsystem: (id) => subsystems.get(id),
    grants: (consumerId, serviceId) => grants.get(grantKey(consumerId, serviceId)) ?? EMPTY,
    subsystemKey: (kid) => keys.get(kid),
    loaded: () => isLoaded,
    reload: (tables = TABLES) => request(tables),
    onReload(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    generation: () => gen,
    async close() {
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      // The database may already be gone (shutdown order, or the outage being handled).
      await unlisten().catch(() => undefined);
      await running?.catch(() => undefined);
    },
  };
}
