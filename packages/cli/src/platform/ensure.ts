import { api, ApiError, type Session } from '../api-client.ts';

/**
 * Idempotent control-plane steps for bootstrapping: each creates a thing through the hub's API
 * unless it already exists (a 409 conflict or a successful lookup), so `ndxp start` can run again
 * on the same data directory.
 */

async function createUnlessExists(session: Session, path: string, body: unknown): Promise<void> {
  try {
    await api(session, 'POST', path, body);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error;
  }
}

export async function ensureMember(session: Session, code: string, name: string, nameEn?: string): Promise<void> {
  await createUnlessExists(session, '/api/v1/members', { code, name, ...(nameEn ? { name_en: nameEn } : {}) });
}

export async function ensureSubsystem(session: Session, id: string, name: string, baseUrl: string | null): Promise<void> {
  const [member, code] = id.split('/');
  try {
    await api(session, 'POST', `/api/v1/members/${member}/subsystems`, { code, name, base_url: baseUrl });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error;
    // The provider may have moved (new port on this run): keep the base URL current. A consumer-only
    // registration (null) never clears a base URL another component set.
    if (baseUrl !== null) await api(session, 'PATCH', `/api/v1/subsystems/${member}/${code}`, { base_url: baseUrl });
  }
}

/** A catalogue entry as the hub's `POST /api/v1/services` takes it. */
export interface ServiceRegistration {
  readonly subsystem_id: string;
  readonly code: string;
  readonly version: string;
  readonly title: string;
  readonly title_en?: string;
  readonly description?: string;
  readonly openapi: Record<string, unknown>;
  readonly fields: readonly string[];
  readonly data_class: 'open' | 'shared' | 'private';
  readonly subject_locator?: Readonly<Record<string, string>> | null;
  readonly legal_bases?: readonly string[];
  readonly timeout_ms?: number;
  readonly max_request_bytes?: number;
}

export async function ensureService(session: Session, service: ServiceRegistration): Promise<string> {
  await createUnlessExists(session, '/api/v1/services', service);
  return `${service.subsystem_id}/${service.code}/${service.version}`;
}

export async function ensureKey(session: Session, subsystemId: string, publicJwk: Record<string, unknown>): Promise<void> {
  const [member, code] = subsystemId.split('/');
  await createUnlessExists(session, `/api/v1/subsystems/${member}/${code}/keys`, { jwk: publicJwk });
}

export interface GrantRequest {
  readonly consumer_id: string;
  readonly service_id: string;
  readonly fields: readonly string[];
  readonly purposes: readonly string[];
  readonly legal_basis: string;
  readonly valid_until: string;
  readonly quota_per_minute: number;
}

interface GrantView {
  readonly id: string;
  readonly state: string;
}

/**
 * Make sure an active grant exists for consumer × service, walking the real lifecycle with the
 * three roles: the consumer admin requests, the provider admin approves, the operator activates.
 */
export async function ensureActiveGrant(sessions: { consumer: Session; provider: Session; operator: Session }, request: GrantRequest): Promise<string> {
  const existing = await api<{ items: GrantView[] }>(sessions.operator, 'GET', `/api/v1/grants?consumer=${encodeURIComponent(request.consumer_id)}&service=${encodeURIComponent(request.service_id)}&state=active`);
  const active = existing.items[0];
  if (active !== undefined) return active.id;
  const grant = await api<GrantView>(sessions.consumer, 'POST', '/api/v1/grants', request);
  await api(sessions.provider, 'POST', `/api/v1/grants/${grant.id}/approve`, { note: 'Đồng ý cung cấp theo đề nghị (demo)' });
  await api(sessions.operator, 'POST', `/api/v1/grants/${grant.id}/activate`, { note: 'Kích hoạt (demo)' });
  return grant.id;
}
