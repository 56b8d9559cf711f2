import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '@ndxp/db';

/**
 * Test fixtures: catalogue rows written with plain SQL, each followed by the same
 * `pg_notify('ndxp_hub_changed', table)` the control plane sends, so tests of the state cache and
 * the data plane do not depend on the control-plane code.
 */
const notify = (db: Queryable, table: string) => db.query("SELECT pg_notify('ndxp_hub_changed', $1)", [table]);

export async function insertMember(db: Queryable, code: string, name = code): Promise<void> {
  await db.query('INSERT INTO members (code, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [code, name]);
}

export async function insertSubsystem(db: Queryable, id: string, baseUrl: string | null = null, status: 'active' | 'disabled' = 'active'): Promise<void> {
  const [member, code] = id.split('/') as [string, string];
  await insertMember(db, member);
  await db.query('INSERT INTO subsystems (id, member_code, code, name, base_url, status) VALUES ($1, $2, $3, $4, $5, $6)', [id, member, code, `${code} system`, baseUrl, status]);
  await notify(db, 'subsystems');
}

export interface ServiceFixture {
  readonly id: string;
  readonly fields: readonly string[];
  readonly paths?: readonly string[];
  readonly subjectLocator?: unknown;
  readonly timeoutMs?: number;
  readonly maxRequestBytes?: number;
  readonly status?: 'active' | 'deprecated' | 'disabled';
}

export async function insertService(db: Queryable, s: ServiceFixture): Promise<void> {
  const [member, subsystem, code, version] = s.id.split('/') as [string, string, string, string];
  const openapi = { openapi: '3.1.0', info: { title: code, version }, paths: Object.fromEntries((s.paths ?? ['/']).map((p) => [p, { get: { responses: { '200': { description: 'ok' } } } }])) };
  await db.query(
    `INSERT INTO services (id, subsystem_id, code, version, title, openapi, fields, data_class, subject_locator, timeout_ms, max_request_bytes, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'private', $8, $9, $10, $11)`,
    [s.id, `${member}/${subsystem}`, code, version, `Dịch vụ ${code}`, JSON.stringify(openapi), s.fields, s.subjectLocator === undefined ? null : JSON.stringify(s.subjectLocator), s.timeoutMs ?? 5000, s.maxRequestBytes ?? 65536, s.status ?? 'active'],
  );
  await notify(db, 'services');
}

export interface GrantFixture {
  readonly consumer: string;
  readonly service: string;
  readonly fields: readonly string[];
  readonly purposes: readonly string[];
  readonly validFrom: string;
  readonly validUntil: string;
  readonly quotaPerMinute?: number;
  readonly state?: 'requested' | 'approved' | 'active' | 'rejected' | 'revoked';
  readonly legalBasis?: string;
}

export async function insertGrant(db: Queryable, g: GrantFixture): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO grants (id, consumer_id, service_id, fields, purposes, legal_basis, valid_from, valid_until, quota_per_minute, state)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [id, g.consumer, g.service, g.fields, g.purposes, g.legalBasis ?? 'Luật Quản lý thuế 2019, Điều 8', g.validFrom, g.validUntil, g.quotaPerMinute ?? 1000, g.state ?? 'active'],
  );
  await notify(db, 'grants');
  return id;
}

export async function setGrantState(db: Queryable, id: string, state: NonNullable<GrantFixture['state']>): Promise<void> {
  await db.query('UPDATE grants SET state = $2, updated_at = now() WHERE id = $1', [id, state]);
  await notify(db, 'grants');
}

/** Wait until `check` holds, polling; for state that arrives asynchronously (NOTIFY). */
export async function eventually(check: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** What `recordHubChanges` hands a test. */
export interface HubChangeRecorder {
  /**
   * Send a marker, wait until it comes back, and return the payloads of `ndxp_hub_changed`
   * received since the previous fence (or since recording began), in commit order. PostgreSQL
   * delivers notifications in commit order, so everything committed before the fence has
   * arrived by then: a fence before the step under test shuts out earlier steps' notifications
   * still on their way, and a fence after it shows what the step committed. No sleeps.
   */
  fence(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Record the hub's change notifications, read through fences (see `fence`). */
export async function recordHubChanges(db: Db): Promise<HubChangeRecorder> {
  let received: string[] = [];
  const markers = new Map<string, () => void>();
  const stop = await db.listen('ndxp_hub_changed', (p) => {
    const marker = markers.get(p);
    if (marker === undefined) received.push(p);
    else marker();
  });
  return {
    async fence() {
      const marker = `test-fence-${randomUUID()}`;
      const seen = new Promise<void>((resolve) => markers.set(marker, resolve));
      await notify(db, marker);
      await seen;
      markers.delete(marker);
      const since = received;
      received = [];
      return since;
    },
    stop,
  };
}
