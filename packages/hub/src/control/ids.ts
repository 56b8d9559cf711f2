import { unsafeBrand, type MemberCode, type ServiceId, type SubsystemId } from '@ndxp/core';

/**
 * Identifier formats, the same as the CHECK constraints of migration 0001 (so the API rejects a
 * bad id with a precise 400 before the database would with a constraint error).
 */
export const MEMBER_CODE_PATTERN = '^[A-Z0-9][A-Z0-9.]{1,31}$';
export const LOCAL_CODE_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$';
export const VERSION_PATTERN = '^v[0-9]{1,6}$';
export const SUBSYSTEM_ID_PATTERN = '^[A-Z0-9][A-Z0-9.]{1,31}/[a-z0-9][a-z0-9-]{0,62}$';
export const SERVICE_ID_PATTERN = '^[A-Z0-9][A-Z0-9.]{1,31}/[a-z0-9][a-z0-9-]{0,62}/[a-z0-9][a-z0-9-]{0,62}/v[0-9]{1,6}$';
export const USERNAME_PATTERN = '^[a-z0-9._-]{3,64}$';

export const memberCode = (s: string): MemberCode => unsafeBrand<'MemberCode'>(s) as MemberCode;
export const subsystemId = (member: string, code: string): SubsystemId => unsafeBrand<'SubsystemId'>(`${member}/${code}`) as SubsystemId;
export const serviceId = (member: string, subsystem: string, code: string, version: string): ServiceId =>
  unsafeBrand<'ServiceId'>(`${member}/${subsystem}/${code}/${version}`) as ServiceId;

/** The member part of a `member/…` id. */
export const memberOf = (id: string): string => id.slice(0, id.indexOf('/'));
