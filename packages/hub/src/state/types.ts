import type { CryptoKey, JWK } from 'jose';
import type { GrantId, MemberCode, ServiceId, SubsystemId } from '@ndxp/core';

/** A subsystem as the data plane needs it. */
export interface CachedSubsystem {
  readonly id: SubsystemId;
  readonly memberCode: MemberCode;
  /** Where the hub forwards calls to this subsystem's services; null for consumers only. */
  readonly baseUrl: string | null;
  readonly status: 'active' | 'disabled';
}

/** A public key a subsystem signs client assertions with (RFC 7523), imported once at load. */
export interface CachedSubsystemKey {
  readonly kid: string;
  readonly subsystemId: SubsystemId;
  readonly alg: string;
  readonly publicJwk: JWK;
  readonly key: CryptoKey;
  readonly notBeforeMs: number;
  readonly notAfterMs: number | null;
}

/** One segment of an OpenAPI path template: a literal, or a `{parameter}`. */
export type TemplateSegment = { readonly literal: string } | { readonly param: string };

/**
 * Where the data subject's personal ID sits in a request to a service (the catalogue's
 * `subject_locator`). Path parameters are found through the service's OpenAPI path templates.
 */
export type SubjectLocator =
  | { readonly in: 'path'; readonly name: string; readonly templates: readonly (readonly TemplateSegment[])[] }
  | { readonly in: 'query'; readonly name: string }
  | { readonly in: 'header'; readonly name: string }
  | { readonly in: 'body'; readonly pointer: string };

/** A catalogued service, with everything the hot path needs precomputed. */
export interface CachedService {
  readonly id: ServiceId;
  readonly subsystemId: SubsystemId;
  /** JSON pointers the service can return. */
  readonly fields: readonly string[];
  readonly dataClass: 'open' | 'shared' | 'private';
  readonly subjectLocator: SubjectLocator | null;
  readonly timeoutMs: number;
  readonly maxRequestBytes: number;
  readonly status: 'active' | 'deprecated' | 'disabled';
}

export type GrantState = 'requested' | 'approved' | 'active' | 'rejected' | 'revoked';

/** A grant: consumer × service × fields × purposes × legal basis × validity × quota. */
export interface CachedGrant {
  readonly id: GrantId;
  readonly consumerId: SubsystemId;
  readonly serviceId: ServiceId;
  readonly fields: readonly string[];
  readonly purposes: ReadonlySet<string>;
  readonly legalBasis: string;
  readonly validFromMs: number;
  readonly validUntilMs: number;
  readonly quotaPerMinute: number;
  readonly state: GrantState;
}

/** Tables whose rows the state cache holds (the payloads of `ndxp_hub_changed`). */
export type CachedTable = 'subsystems' | 'subsystem_keys' | 'hub_signing_keys' | 'services' | 'grants';
