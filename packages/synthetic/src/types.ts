import type { Gender, HouseholdId, IdProvinceCode, PersonalId, ProvinceCode, WardCode } from '@ndxp/core';

/** Relationship to the household head (quan hệ với chủ hộ), field 22 of the Law on Identification 2023 Art. 9. */
export type Relationship = 'head' | 'spouse' | 'child' | 'child_in_law' | 'father' | 'mother' | 'grandchild';

/** Marital status (tình trạng hôn nhân), field 21. */
export type MaritalStatus = 'single' | 'married' | 'divorced' | 'widowed';

/** ABO/Rh blood type, field 12. */
export type BloodType = 'O+' | 'O-' | 'A+' | 'A-' | 'B+' | 'B-' | 'AB+' | 'AB-';

/** An address on the 2025 administrative units: a ward and a line within it. */
export interface SyntheticAddress {
  readonly wardCode: WardCode;
  readonly provinceCode: ProvinceCode;
  /** House number and street, or hamlet, e.g. `Số 12, đường Lê Lợi`, `Thôn 3`. */
  readonly line: string;
}

/**
 * A relative as the population database records one (field 15): always a name, and a personal ID
 * when that relative is in the database. Parents of adults who live elsewhere are known by name.
 */
export interface PersonRef {
  readonly personalId: PersonalId | null;
  readonly fullName: string;
}

/** The identity card (thẻ căn cước), field 14. Its number is the personal identification number. */
export interface SyntheticIdCard {
  readonly number: PersonalId;
  readonly issuedOn: string;
  readonly issuedBy: string;
  /** `null`: valid for life (issued at 58 or later, Law on Identification 2023 Art. 21). */
  readonly expiresOn: string | null;
}

/**
 * One synthetic citizen, with every field the Law on Identification 2023 Art. 9 lists (FACTS.md),
 * except biometric ones. Dates are `YYYY-MM-DD`.
 */
export interface SyntheticPerson {
  /** Field 3. Unique across the population, valid for birth province, gender and year. */
  readonly personalId: PersonalId;
  /** Field 1, `surname middle given` (or `Y Bih Niê` style for Ê Đê). */
  readonly fullName: string;
  readonly surname: string;
  readonly middleName: string;
  readonly givenName: string;
  /** Field 2. */
  readonly otherNames: string | null;
  /** Field 4. */
  readonly dateOfBirth: string;
  /** Field 5. */
  readonly gender: Gender;
  /** Field 6: the place of birth, as the province name at the time. */
  readonly placeOfBirth: string;
  /** Field 7: province of birth registration; digits 1–3 of the personal ID. */
  readonly birthRegistrationProvince: IdProvinceCode;
  /** Field 8: quê quán, as a former province name. */
  readonly hometown: string;
  /** Field 9: code of the national list of 54 ethnic groups (see `ETHNICITIES`). */
  readonly ethnicity: string;
  /** Field 10: see `RELIGIONS`. */
  readonly religion: string;
  /** Field 11: ISO 3166-1 alpha-2. */
  readonly nationality: 'VN';
  /** Field 12. */
  readonly bloodType: BloodType | null;
  /** Field 13: the old 9-digit identity card (CMND) number, for those who had one. */
  readonly oldIdNumber: string | null;
  /** Field 14. */
  readonly idCard: SyntheticIdCard | null;
  /** Field 15. */
  readonly father: PersonRef | null;
  readonly mother: PersonRef | null;
  readonly spouse: PersonRef | null;
  /** Legal representative of a minor (field 15); the represented person is the inverse link. */
  readonly representative: PersonRef | null;
  /** Field 16. */
  readonly permanentResidence: SyntheticAddress;
  /** Field 17, with the date it was registered. */
  readonly temporaryResidence: (SyntheticAddress & { readonly since: string }) | null;
  /** Field 18. */
  readonly currentResidence: SyntheticAddress;
  /** Field 19: temporary absence (tạm vắng) declared. */
  readonly temporaryAbsence: { readonly since: string; readonly reason: string } | null;
  /** Field 20. */
  readonly residenceFileNumber: string;
  /** Field 21. */
  readonly maritalStatus: MaritalStatus;
  /** Date of the current (or, for widowed people, last) marriage. */
  readonly marriedOn: string | null;
  /** Field 23: `null` for the deceased, who are no longer household members. */
  readonly householdId: HouseholdId | null;
  /** Field 22. */
  readonly relationshipToHead: Relationship | null;
  /** Field 24. */
  readonly dateOfDeath: string | null;
  /** Field 25. */
  readonly phone: string | null;
  readonly email: string | null;
}

/** A household (hộ gia đình) with its living members, head first, and its deceased relatives. */
export interface SyntheticHousehold {
  /** Position in the population's household sequence (0-based); stable for a seed. */
  readonly index: number;
  readonly householdId: HouseholdId;
  readonly residenceFileNumber: string;
  /** Permanent residence of the household. */
  readonly address: SyntheticAddress;
  readonly registeredOn: string;
  readonly headPersonalId: PersonalId;
  /** Living members; exactly one has relationship `head`, and it is the first. */
  readonly members: readonly SyntheticPerson[];
  /** Deceased spouses of members: records the database keeps, not household members. */
  readonly deceased: readonly SyntheticPerson[];
}
