/**
 * Nominal ("branded") types: a `PersonalId` is a string at run time, but the compiler will not let
 * a plain string, or a `MemberCode`, stand in for one. The habit comes from opencrvs-core
 * `commons/src/nominal.ts`; it stops whole classes of mix-ups (subject ID passed where a
 * subsystem ID was expected) at compile time at no run-time cost.
 */
declare const brand: unique symbol;

/** `T` tagged with the nominal label `B`. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** 12-digit personal identification number (Decree 137/2015 Art. 13). Validate before branding. */
export type PersonalId = Brand<string, 'PersonalId'>;
/** Agency (member) code, e.g. `G01` (electronic identifier codes of agencies). */
export type MemberCode = Brand<string, 'MemberCode'>;
/** Subsystem code, unique within its member. */
export type SubsystemCode = Brand<string, 'SubsystemCode'>;
/** Fully qualified subsystem: `member/subsystem`. */
export type SubsystemId = Brand<string, 'SubsystemId'>;
/** Fully qualified service: `member/subsystem/service/version`. */
export type ServiceId = Brand<string, 'ServiceId'>;
/** Grant identifier (UUID). */
export type GrantId = Brand<string, 'GrantId'>;
/** Request identifier carried end to end in `x-request-id`. */
export type RequestId = Brand<string, 'RequestId'>;
/** Household (hộ gia đình) identifier in the NPDB. */
export type HouseholdId = Brand<string, 'HouseholdId'>;
/** 2-digit province code of the 2025 administrative units. */
export type ProvinceCode = Brand<string, 'ProvinceCode'>;
/** 5-digit ward/commune code of the 2025 administrative units. */
export type WardCode = Brand<string, 'WardCode'>;

/** Tag a value that has already been validated. Only call this after validation. */
export function unsafeBrand<B extends string>(value: string): Brand<string, B> {
  return value as Brand<string, B>;
}
