import { Type } from 'typebox';
import { LOCAL_CODE_PATTERN, MEMBER_CODE_PATTERN, SERVICE_ID_PATTERN, SUBSYSTEM_ID_PATTERN, USERNAME_PATTERN, VERSION_PATTERN } from './ids.ts';

/**
 * TypeBox schemas shared by the control-plane routes. They validate requests (with the error code
 * named by `x-error-code` where a specific one exists) and document the API: `/openapi.json` is
 * generated from them.
 */
export const MemberCodeSchema = Type.String({ pattern: MEMBER_CODE_PATTERN, description: 'Member (agency) code, e.g. BCA or 000.00.00.G12' });
export const LocalCodeSchema = Type.String({ pattern: LOCAL_CODE_PATTERN, description: 'Lower-case code, unique within its parent' });
export const VersionSchema = Type.String({ pattern: VERSION_PATTERN, description: 'Service version: v1, v2, ...' });
export const SubsystemIdSchema = Type.String({ pattern: SUBSYSTEM_ID_PATTERN, description: 'member/subsystem' });
export const ServiceIdSchema = Type.String({ pattern: SERVICE_ID_PATTERN, description: 'member/subsystem/service/version' });
export const UsernameSchema = Type.String({ pattern: USERNAME_PATTERN });
export const Timestamp = Type.String({ format: 'date-time' });
export const NullableString = Type.Union([Type.String(), Type.Null()]);
export const RoleSchema = Type.Union([Type.Literal('operator'), Type.Literal('provider_admin'), Type.Literal('consumer_admin')]);
export const DataClassSchema = Type.Union([Type.Literal('open'), Type.Literal('shared'), Type.Literal('private')], { description: 'Data Law 2024 classification' });
export const ServiceStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('deprecated'), Type.Literal('disabled')]);
export const GrantStateSchema = Type.Union([Type.Literal('requested'), Type.Literal('approved'), Type.Literal('active'), Type.Literal('rejected'), Type.Literal('revoked')]);
/** Purpose codes as sent by consumers in `X-Ndxp-Purpose`. */
export const PurposeSchema = Type.String({ pattern: '^[a-z][a-z0-9._-]{0,63}$', description: 'Purpose code, as the data plane checks it (exchange/authorise-grant.ts PURPOSE_CODE)' });
export const GrantIdParams = Type.Object({ id: Type.String({ format: 'uuid', 'x-error-code': 'GRANT_NOT_FOUND' }) });

export const Paging = {
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
};

export const MemberParams = Type.Object({ member: MemberCodeSchema });
export const SubsystemParams = Type.Object({ member: MemberCodeSchema, subsystem: LocalCodeSchema });
export const ServiceParams = Type.Object({ member: MemberCodeSchema, subsystem: LocalCodeSchema, service: LocalCodeSchema, version: VersionSchema });

/** Security requirement of routes that need a control-plane session. */
export const BEARER = [{ bearer: [] as string[] }];

export const UserSchema = Type.Object({ username: Type.String(), display_name: Type.String(), role: RoleSchema, member_code: NullableString, created_at: Timestamp });
export const MemberSchema = Type.Object({ code: Type.String(), name: Type.String(), name_en: NullableString, subsystem_count: Type.Integer(), created_at: Timestamp });
export const SubsystemSchema = Type.Object({
  id: Type.String(), member_code: Type.String(), code: Type.String(), name: Type.String(), base_url: NullableString,
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]), created_at: Timestamp,
});
export const JwkSchema = Type.Object({ kty: Type.String() }, { additionalProperties: true });
export const KeySchema = Type.Object({
  kid: Type.String(), subsystem_id: Type.String(), alg: Type.String(), public_jwk: JwkSchema, not_before: Timestamp,
  not_after: Type.Union([Timestamp, Type.Null()]), state: Type.Union([Type.Literal('pending'), Type.Literal('active'), Type.Literal('expired')]), created_at: Timestamp,
});
export const SubjectLocatorSchema = Type.Union([
  Type.Object({ in: Type.Union([Type.Literal('path'), Type.Literal('query'), Type.Literal('header')]), name: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
  Type.Object({ in: Type.Literal('body'), pointer: Type.String({ maxLength: 512 }) }, { additionalProperties: false }),
], { description: 'Where the data subject\'s personal ID sits in a request' });
export const ServiceSchema = Type.Object({
  id: Type.String(), member_code: Type.String(), subsystem_id: Type.String(), code: Type.String(), version: Type.String(),
  title: Type.String(), title_en: NullableString, description: NullableString, fields: Type.Array(Type.String()), data_class: DataClassSchema,
  subject_locator: Type.Union([SubjectLocatorSchema, Type.Null()]), legal_bases: Type.Array(Type.String()), timeout_ms: Type.Integer(),
  max_request_bytes: Type.Integer(), status: ServiceStatusSchema, created_at: Timestamp, updated_at: Timestamp,
});
export const GrantSchema = Type.Object({
  id: Type.String(), consumer_id: Type.String(), consumer_member: Type.String(), service_id: Type.String(), provider_member: Type.String(),
  fields: Type.Array(Type.String()), purposes: Type.Array(Type.String()), legal_basis: Type.String(), valid_from: Timestamp, valid_until: Timestamp,
  quota_per_minute: Type.Integer(), state: GrantStateSchema, created_at: Timestamp, updated_at: Timestamp,
});
export const GrantEventSchema = Type.Object({
  action: Type.Union([Type.Literal('request'), Type.Literal('approve'), Type.Literal('reject'), Type.Literal('activate'), Type.Literal('revoke')]),
  actor: Type.String(), actor_role: Type.String(), note: NullableString, at: Timestamp,
});
export const GrantDetailSchema = Type.Object({
  ...GrantSchema.properties,
  events: Type.Array(GrantEventSchema),
  field_diff: Type.Object({ service_fields: Type.Array(Type.String()), granted: Type.Array(Type.String()), not_granted: Type.Array(Type.String()) }),
});
