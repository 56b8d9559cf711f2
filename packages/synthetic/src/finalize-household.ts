import { getIdProvince, nameKey, type PersonalId } from '@ndxp/core';
import type { PopulationContext } from './context.ts';
import type { ChunkIdentifiers } from './identifiers.ts';
import type { Draft, HouseholdDraft } from './build-household.ts';
import type { Rng } from './random/prng.ts';
import { Weighted } from './random/weighted.ts';
import { ageOn, birthdayAt, daysFromCivil, isoFromDays } from './random/days.ts';
import { ABSENCE_REASONS, BLOOD_TYPES, MIGRATION_DESTINATIONS, MOBILE_PREFIXES } from './tables/households.ts';
import { STREETS } from './tables/names.ts';
import type { PersonRef, SyntheticAddress, SyntheticHousehold, SyntheticIdCard, SyntheticPerson } from './types.ts';

const BLOOD = new Weighted(BLOOD_TYPES);
const DESTINATIONS = new Weighted(MIGRATION_DESTINATIONS);

/** Chip-based citizen identity cards were issued from 1 Jan 2021 (the Project 06 campaign). */
const CHIP_CARDS_FROM = daysFromCivil(2021, 1, 1);
/** The Law on Identification 2023 took effect on 1 Jul 2024: cards for under-14s, issued by the ministry. */
const LAW_2023_FROM = daysFromCivil(2024, 7, 1);
/** People 14 or older by 2016 had an old 9-digit identity card (CMND); 12-digit cards replaced it. */
const LAST_OLD_ID_BIRTH = daysFromCivil(2001, 12, 31);
/** Ages at which the card must be renewed (Law on Identification 2023, Art. 21(1)). */
const RENEWAL_AGES = [14, 25, 40, 60] as const;
const TWO_YEARS = 731;

/**
 * Expiry of a card issued on `issued` to someone born on `birth`: the next renewal age, or the
 * one after it when the card was issued less than two years before that age (Art. 21(2));
 * `null` when no renewal age is left (valid for life).
 */
export function cardExpiry(birth: number, issued: number): number | null {
  for (const age of RENEWAL_AGES) {
    const due = birthdayAt(birth, age);
    if (due > issued + TWO_YEARS) return due;
  }
  return null;
}

function idCard(rng: Rng, d: Draft, until: number): SyntheticIdCard | null {
  const age = ageOn(d.birth, until);
  let from: number;
  if (age < 14) {
    // Under-14s may have a card since the 2023 law; a minority do.
    if (!rng.chance(0.12)) return null;
    from = Math.max(LAW_2023_FROM, d.birth + 30);
  } else {
    if (!rng.chance(0.97)) return null;
    from = Math.max(CHIP_CARDS_FROM, birthdayAt(d.birth, 14));
  }
  if (from >= until) return null;
  let issued = from + rng.int(until - from);
  // A card that reached its renewal age was renewed within three months, if that is in the past.
  for (let expiry = cardExpiry(d.birth, issued); expiry !== null && expiry < until; expiry = cardExpiry(d.birth, issued)) {
    const renewed = expiry + rng.int(90);
    if (renewed >= until) break;
    issued = renewed;
  }
  const expiry = cardExpiry(d.birth, issued);
  return {
    number: d.personalId,
    issuedOn: isoFromDays(issued),
    issuedBy: issued >= LAW_2023_FROM ? 'Bộ Công an' : 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    expiresOn: expiry === null ? null : isoFromDays(expiry),
  };
}

function ref(target: Draft | string | null, kept: ReadonlySet<Draft>): PersonRef | null {
  if (target === null) return null;
  if (typeof target === 'string') return { personalId: null, fullName: target };
  // A relative cut off by the population count is known by name only.
  return { personalId: kept.has(target) ? target.personalId : null, fullName: target.fullName };
}

function migrantAddress(ctx: PopulationContext, rng: Rng): SyntheticAddress {
  const province = DESTINATIONS.sample(rng);
  const ward = rng.pick(ctx.wardsOf.get(province) ?? []);
  return { wardCode: ward.code, provinceCode: ward.provinceCode, line: `Số ${rng.range(1, 300)}, đường ${rng.pick(STREETS)}` };
}

function ascii(text: string): string {
  return nameKey(text).replace(/[^a-z0-9]/g, '');
}

/**
 * Turn a household draft into its records: cards, contacts, residence, links. Only the first
 * `limit` records are produced (the population count may end inside a household); links to
 * records left out become name-only references. Randomness is drawn person by person in order,
 * so a truncated household is an exact prefix of the full one.
 */
export function finalizeHousehold(ctx: PopulationContext, rng: Rng, ids: ChunkIdentifiers, draft: HouseholdDraft, limit = Infinity): SyntheticHousehold {
  const all = [...draft.members, ...draft.deceased];
  const keptList = all.slice(0, Math.max(1, limit));
  const kept = new Set(keptList);
  const A = ctx.asOf;
  const householdId = ids.householdId(draft.index);
  const residenceFileNumber = ids.residenceFileNumber(draft.index, draft.province);
  const head = draft.members[0] as Draft;
  const registered = Math.min(A - 1, Math.max(head.marriedOn ?? 0, birthdayAt(head.birth, 18), daysFromCivil(1990, 1, 1)) + rng.int(365));

  const people = keptList.map((d): SyntheticPerson => {
    const alive = d.death === null;
    const until = d.death ?? A;
    const age = ageOn(d.birth, until);
    const bloodType = rng.chance(0.55) ? BLOOD.sample(rng) : null;
    const oldIdNumber = d.birth <= LAST_OLD_ID_BIRTH && rng.chance(0.85) ? ids.oldIdNumber(d.record) : null;
    const card = idCard(rng, d, until);
    let temporaryResidence: SyntheticPerson['temporaryResidence'] = null;
    let temporaryAbsence: SyntheticPerson['temporaryAbsence'] = null;
    if (alive && age >= 18 && age <= 45 && rng.chance(0.05)) {
      temporaryResidence = { ...migrantAddress(ctx, rng), since: isoFromDays(A - 1 - rng.int(2000)) };
    } else if (alive && age >= 18 && age <= 50 && rng.chance(0.01)) {
      temporaryAbsence = { since: isoFromDays(A - 1 - rng.int(1500)), reason: rng.pick(ABSENCE_REASONS) };
    }
    let phone: string | null = null;
    let email: string | null = null;
    if (alive && age >= 15 && rng.chance(0.88)) phone = rng.pick(MOBILE_PREFIXES) + String(rng.int(10_000_000)).padStart(7, '0');
    if (alive && age >= 15 && age <= 70 && rng.chance(0.35)) {
      email = `${ascii(d.givenName)}${ascii(d.surname)}${rng.range(1, 9999)}@${rng.pick(['example.com', 'example.net', 'example.org'])}`;
    }
    const isMinor = alive && age < 18;
    const father = ref(d.father, kept);
    const mother = ref(d.mother, kept);
    let representative: PersonRef | null = null;
    if (isMinor) {
      // Parents are a minor's legal representatives (Civil Code 2015, Art. 136); else the head.
      if (typeof d.father === 'object' && d.father !== null && d.father.death === null && draft.members.includes(d.father)) representative = father;
      else if (typeof d.mother === 'object' && d.mother !== null && d.mother.death === null && draft.members.includes(d.mother)) representative = mother;
      else if (head !== d) representative = ref(head, kept);
    }
    const otherNames = rng.chance(0.01) ? `${d.surname} ${(d.gender === 'male' ? ctx.maleGiven : ctx.femaleGiven).sample(rng)}` : null;
    return {
      personalId: d.personalId,
      fullName: d.fullName,
      surname: d.surname,
      middleName: d.middleName,
      givenName: d.givenName,
      otherNames,
      dateOfBirth: isoFromDays(d.birth),
      gender: d.gender,
      placeOfBirth: getIdProvince(d.registration)?.name ?? d.registration,
      birthRegistrationProvince: d.registration,
      hometown: d.hometown,
      ethnicity: d.ethnicity.code,
      religion: d.religion,
      nationality: 'VN',
      bloodType,
      oldIdNumber,
      idCard: card,
      father,
      mother,
      spouse: ref(d.spouse, kept),
      representative,
      permanentResidence: draft.address,
      temporaryResidence,
      currentResidence: temporaryResidence === null ? draft.address : { wardCode: temporaryResidence.wardCode, provinceCode: temporaryResidence.provinceCode, line: temporaryResidence.line },
      temporaryAbsence,
      residenceFileNumber,
      maritalStatus: d.marital,
      marriedOn: d.marriedOn === null ? null : isoFromDays(d.marriedOn),
      householdId: alive ? householdId : null,
      relationshipToHead: alive ? d.relationship : null,
      dateOfDeath: d.death === null ? null : isoFromDays(d.death),
      phone,
      email,
    };
  });
  const members = people.filter((p) => p.dateOfDeath === null);
  return {
    index: draft.index,
    householdId,
    residenceFileNumber,
    address: draft.address,
    registeredOn: isoFromDays(registered),
    headPersonalId: head.personalId as PersonalId,
    members,
    deceased: people.filter((p) => p.dateOfDeath !== null),
  };
}
