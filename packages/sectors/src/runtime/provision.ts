import { generateSubsystemKey } from '@ndxp/sdk';
import type { JWK } from 'jose';
import type { ServiceDescriptor } from '../service-descriptor.ts';
import { createUnlessExists, HubAdminError, type HubAdmin } from './hub-admin.ts';
import { DOCUMENT_FIELDS, ENRICH_PURPOSE, NPDB_DOCUMENT_TYPES, NPDB_SERVICES, NPDB_SIDE_CONSUMER, NPDB_USE_BASIS } from './npdb-api.ts';
import type { GrantSpec, SectorSystem } from './sector-system.ts';
import { subsystemIdOf, type RunningSectorSystem } from './start-sector-system.ts';

/** What a subsystem needs to call through the hub (RFC 7523 client assertion key). */
export interface SubsystemCredentials {
  readonly clientId: string;
  readonly kid: string;
  readonly privateJwk: JWK;
}

/** A grant the provisioning made active: consumer × service. */
export interface ActiveGrant {
  readonly id: string;
  readonly consumerId: string;
  readonly serviceId: string;
  readonly purposes: readonly string[];
}

export interface ProvisionOptions {
  /** "Now" for validity windows (ms since epoch). */
  readonly nowMs: number;
  /** How long grants and keys stay valid (default 365 days). */
  readonly validityDays?: number;
}

const DAY_MS = 86_400_000;

export async function ensureMember(admin: HubAdmin, member: SectorSystem['member']): Promise<void> {
  await createUnlessExists(admin, '/api/v1/members', { code: member.code, name: member.name, name_en: member.name_en });
}

/** Create the subsystem, or keep its base URL current when it exists (a provider may move). */
export async function ensureSubsystem(admin: HubAdmin, id: string, name: string, baseUrl: string | null): Promise<void> {
  const [member, code] = id.split('/');
  const created = await createUnlessExists(admin, `/api/v1/members/${member}/subsystems`, { code, name, base_url: baseUrl });
  if (!created && baseUrl !== null) await admin.request('PATCH', `/api/v1/subsystems/${member}/${code}`, { base_url: baseUrl });
}

/**
 * Generate a fresh ES256 key for a subsystem and register its public half. The private key never
 * leaves this process. `notAfterMs` bounds it (a scenario run uses a short-lived key).
 */
export async function registerNewKey(admin: HubAdmin, subsystemId: string, notAfterMs?: number): Promise<SubsystemCredentials> {
  const key = await generateSubsystemKey();
  const [member, code] = subsystemId.split('/');
  await admin.request('POST', `/api/v1/subsystems/${member}/${code}/keys`, { jwk: key.publicJwk, ...(notAfterMs === undefined ? {} : { not_after: new Date(notAfterMs).toISOString() }) });
  return { clientId: subsystemId, kid: key.kid, privateJwk: key.privateJwk };
}

/** Register a service in the catalogue (an existing version is left as it is: versions are immutable). */
export async function ensureService(admin: HubAdmin, subsystemId: string, d: ServiceDescriptor): Promise<string> {
  await createUnlessExists(admin, '/api/v1/services', {
    subsystem_id: subsystemId,
    code: d.code,
    version: d.version,
    title: d.title,
    title_en: d.title_en,
    ...(d.description === undefined ? {} : { description: d.description }),
    openapi: d.openapi,
    fields: [...d.fields],
    data_class: d.data_class,
    subject_locator: d.subject_locator,
    legal_bases: [...d.legal_bases],
    ...(d.timeout_ms === undefined ? {} : { timeout_ms: d.timeout_ms }),
  });
  return `${subsystemId}/${d.code}/${d.version}`;
}

interface GrantView {
  readonly id: string;
  readonly state: string;
  readonly fields: readonly string[];
  readonly purposes: readonly string[];
  readonly valid_until: string;
}

/**
 * Make sure an active grant covers consumer × service for these purposes and fields, walking the
 * real lifecycle (request → approve → activate) when none does. The purpose and the legal basis
 * are recorded on the grant and in its history.
 */
export async function ensureActiveGrant(admin: HubAdmin, consumerId: string, spec: GrantSpec, options: ProvisionOptions): Promise<ActiveGrant> {
  const q = `/api/v1/grants?consumer=${encodeURIComponent(consumerId)}&service=${encodeURIComponent(spec.service)}&state=active`;
  const existing = await admin.request<{ items: GrantView[] }>('GET', q);
  const covering = existing.items.find((g) => Date.parse(g.valid_until) > options.nowMs && spec.purposes.every((p) => g.purposes.includes(p)) && spec.fields.every((f) => g.fields.includes(f)));
  if (covering !== undefined) return { id: covering.id, consumerId, serviceId: spec.service, purposes: covering.purposes };
  const validUntil = new Date(options.nowMs + (options.validityDays ?? 365) * DAY_MS).toISOString();
  const grant = await admin.request<GrantView>('POST', '/api/v1/grants', {
    consumer_id: consumerId,
    service_id: spec.service,
    fields: [...spec.fields],
    purposes: [...spec.purposes],
    legal_basis: spec.legalBasis,
    valid_until: validUntil,
    quota_per_minute: spec.quotaPerMinute ?? 600,
  });
  await admin.request('POST', `/api/v1/grants/${grant.id}/approve`, { note: 'Đồng ý cung cấp dữ liệu theo căn cứ pháp lý đã nêu' });
  await admin.request('POST', `/api/v1/grants/${grant.id}/activate`, { note: 'Kích hoạt kết nối theo Kế hoạch hành động (QĐ 47/QĐ-BTTTT)' });
  return { id: grant.id, consumerId, serviceId: spec.service, purposes: spec.purposes };
}

/** Link a (consumer, service) pair to a plan item (idempotent). */
export async function ensurePlanLink(admin: HubAdmin, itemId: string, role: 'consumes' | 'provides', serviceId: string, consumerId: string): Promise<void> {
  await admin.request('POST', `/api/v1/plan/${itemId}/links`, { role, service_id: serviceId, consumer_id: consumerId });
}

/** The NPDB services a system uses: its declared ones, plus document linking when it links accepted types. */
export function npdbGrantsOf(system: SectorSystem): GrantSpec[] {
  const grants = [...system.consumes];
  if (system.enriches.some((t) => NPDB_DOCUMENT_TYPES.includes(t))) {
    grants.push({
      service: NPDB_SERVICES.documents,
      fields: [...DOCUMENT_FIELDS],
      purposes: [ENRICH_PURPOSE],
      legalBasis: `${NPDB_USE_BASIS}; Quyết định 06/QĐ-TTg ngày 06/01/2022 (kết nối, bổ sung, làm giàu dữ liệu dân cư)`,
    });
  }
  return grants;
}

/** The grants the NPDB side holds on a system's services. */
export function npdbSideGrantsOf(system: SectorSystem): GrantSpec[] {
  return system.exposes.map((e) => ({ service: `${subsystemIdOf(system)}/${e.serviceCode}/${e.version}`, fields: e.fields, purposes: e.purposes, legalBasis: e.legalBasis, ...(e.quotaPerMinute === undefined ? {} : { quotaPerMinute: e.quotaPerMinute }) }));
}

/** The NPDB side's consumer (C06's exchange system), with a key of its own. */
export async function provisionNpdbSide(admin: HubAdmin, options: ProvisionOptions & { readonly keyNotAfterMs?: number }): Promise<SubsystemCredentials> {
  await createUnlessExists(admin, '/api/v1/members', { code: 'BCA', name: 'Bộ Công an', name_en: 'Ministry of Public Security' });
  await ensureSubsystem(admin, NPDB_SIDE_CONSUMER, 'Hệ thống khai thác dữ liệu chuyên ngành của C06 (Cục Cảnh sát QLHC về TTXH)', null);
  return registerNewKey(admin, NPDB_SIDE_CONSUMER, options.keyNotAfterMs);
}

/**
 * Onboard one running sectoral system on the hub, the way an agency does: member, subsystem with
 * its base URL, a key, its services in the catalogue, its grants on NPDB services, the NPDB side's
 * grants on its services, and the plan links of its action-plan item (both directions). The
 * NPDB's own services must already be in the catalogue.
 */
export async function provisionSectorSystem(admin: HubAdmin, running: RunningSectorSystem, options: ProvisionOptions & { readonly keyNotAfterMs?: number }): Promise<{ credentials: SubsystemCredentials; grants: ActiveGrant[] }> {
  const { system } = running;
  const id = subsystemIdOf(system);
  await ensureMember(admin, system.member);
  await ensureSubsystem(admin, id, system.subsystem.name, running.url);
  const credentials = await registerNewKey(admin, id, options.keyNotAfterMs);
  for (const d of running.descriptors) await ensureService(admin, id, d);
  const grants: ActiveGrant[] = [];
  for (const spec of npdbGrantsOf(system)) {
    grants.push(await ensureActiveGrant(admin, id, spec, options));
    await ensurePlanLink(admin, system.planItem, 'consumes', spec.service, id);
  }
  for (const spec of npdbSideGrantsOf(system)) {
    grants.push(await ensureActiveGrant(admin, NPDB_SIDE_CONSUMER, spec, options));
    await ensurePlanLink(admin, system.planItem, 'provides', spec.service, NPDB_SIDE_CONSUMER);
  }
  return { credentials, grants };
}

export { HubAdminError };
