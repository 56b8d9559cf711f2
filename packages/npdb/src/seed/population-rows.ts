import type { SyntheticHousehold, SyntheticPerson } from '@ndxp/synthetic';
import { copyLine } from './copy-text.ts';

/** Columns of `households` in the order `householdRow` writes them. */
export const HOUSEHOLD_COLUMNS = ['household_id', 'head_personal_id', 'ward_code', 'province_code', 'address_line', 'residence_file_number', 'registered_on'] as const;

/** Columns of `citizens` in the order `citizenRow` writes them. */
export const CITIZEN_COLUMNS = [
  'personal_id', 'full_name', 'other_names', 'date_of_birth', 'gender', 'place_of_birth', 'birth_registration_province', 'hometown',
  'ethnicity_code', 'religion_code', 'nationality', 'blood_type', 'old_id_number', 'card_issued_on', 'card_issued_by', 'card_expires_on',
  'father_id', 'father_name', 'mother_id', 'mother_name', 'spouse_id', 'spouse_name', 'representative_id', 'representative_name',
  'permanent_ward_code', 'permanent_address', 'temporary_ward_code', 'temporary_address', 'temporary_since', 'current_ward_code', 'current_address',
  'temporary_absence_since', 'temporary_absence_reason', 'residence_file_number', 'marital_status', 'married_on', 'household_id',
  'relationship_to_head', 'date_of_death', 'phone', 'email',
] as const;

/** Columns of `citizen_changes` written by `changeRows` (the sequence is assigned by the table). */
export const CHANGE_COLUMNS = ['kind', 'personal_id', 'occurred_on', 'recorded_at', 'details'] as const;

export function householdRow(h: SyntheticHousehold): string {
  return copyLine([h.householdId, h.headPersonalId, h.address.wardCode, h.address.provinceCode, h.address.line, h.residenceFileNumber, h.registeredOn]);
}

export function citizenRow(p: SyntheticPerson): string {
  const t = p.temporaryResidence;
  return copyLine([
    p.personalId, p.fullName, p.otherNames, p.dateOfBirth, p.gender, p.placeOfBirth, p.birthRegistrationProvince, p.hometown,
    p.ethnicity, p.religion, p.nationality, p.bloodType, p.oldIdNumber, p.idCard?.issuedOn, p.idCard?.issuedBy, p.idCard?.expiresOn,
    p.father?.personalId, p.father?.fullName, p.mother?.personalId, p.mother?.fullName, p.spouse?.personalId, p.spouse?.fullName,
    p.representative?.personalId, p.representative?.fullName,
    p.permanentResidence.wardCode, p.permanentResidence.line, t?.wardCode, t?.line, t?.since, p.currentResidence.wardCode, p.currentResidence.line,
    p.temporaryAbsence?.since, p.temporaryAbsence?.reason, p.residenceFileNumber, p.maritalStatus, p.marriedOn, p.householdId,
    p.relationshipToHead, p.dateOfDeath, p.phone, p.email,
  ]);
}

/**
 * Change-feed rows for the events of the last `windowDays` before `asOf` in one household:
 * births, deaths, marriages (one row per spouse) and moves (a temporary residence registered).
 * The synthetic registration is recorded the morning after the event, Viet Nam time.
 */
export function* changeRows(h: SyntheticHousehold, asOf: string, windowDays = 365): Generator<string> {
  const from = new Date(Date.parse(asOf) - windowDays * 86_400_000).toISOString().slice(0, 10);
  const recent = (d: string | null | undefined): d is string => d != null && d >= from && d < asOf;
  const row = (kind: string, p: SyntheticPerson, on: string, details: Record<string, string>) =>
    copyLine([kind, p.personalId, on, `${on} 09:00:00+07`, JSON.stringify(details)]);
  for (const p of [...h.members, ...h.deceased]) {
    if (recent(p.dateOfBirth)) yield row('birth', p, p.dateOfBirth, { household_id: h.householdId, ward_code: p.currentResidence.wardCode });
    if (recent(p.marriedOn) && p.spouse?.personalId != null) yield row('marriage', p, p.marriedOn, { spouse_personal_id: p.spouse.personalId });
    if (recent(p.temporaryResidence?.since) && p.temporaryResidence !== null) {
      yield row('move', p, p.temporaryResidence.since, { ward_code: p.temporaryResidence.wardCode, previous_ward_code: p.permanentResidence.wardCode });
    }
    if (recent(p.dateOfDeath)) yield row('death', p, p.dateOfDeath, {});
  }
}
