import { getIdProvince, idProvinceCodeOf2025, type Gender, type IdProvinceCode, type PersonalId, type ProvinceCode, type Ward2025 } from '@ndxp/core';
import { bornElsewhereShare, type PopulationContext } from './context.ts';
import type { ChunkIdentifiers } from './identifiers.ts';
import type { Rng } from './random/prng.ts';
import { Weighted } from './random/weighted.ts';
import { birthdayAt, daysFromCivil, yearOfDays } from './random/days.ts';
import type { EthnicitySpec } from './tables/ethnicities.ts';
import { EDE_GIVEN, STREETS } from './tables/names.ts';
import { HOUSEHOLD_SIZES } from './tables/households.ts';
import { MEKONG_AND_SOUTHEAST_FROM, SOUTHERN_FROM } from './tables/provinces.ts';
import type { MaritalStatus, Relationship, SyntheticAddress } from './types.ts';

/** Days in a year, on average (Gregorian). */
const YEAR = 365.2425;
const years = (y: number): number => Math.round(y * YEAR);

/**
 * Marriage age (Law on Marriage and Family 2014, Art. 8(1)(a)): a man from 20, a woman from 18.
 * The generator marries nobody younger, and checks it against the day of marriage.
 */
export const MIN_MARRIAGE_AGE: Readonly<Record<Gender, number>> = { male: 20, female: 18 };
/** Day the 2025 province mergers took effect (Resolution 202/2025/QH15). */
export const MERGER_DAY = daysFromCivil(2025, 7, 1);

const SIZES = new Weighted(HOUSEHOLD_SIZES);

/** A person under construction. References to relatives are drafts, or names for people not generated. */
export interface Draft {
  readonly gender: Gender;
  readonly birth: number;
  readonly ethnicity: EthnicitySpec;
  readonly surname: string;
  readonly middleName: string;
  readonly givenName: string;
  readonly fullName: string;
  readonly registration: IdProvinceCode;
  readonly personalId: PersonalId;
  /** Position among the chunk's person records (drives the old ID number). */
  readonly record: number;
  readonly hometown: string;
  religion: string;
  father: Draft | string | null;
  mother: Draft | string | null;
  spouse: Draft | string | null;
  relationship: Relationship | null;
  marital: MaritalStatus;
  marriedOn: number | null;
  death: number | null;
}

/** A household under construction: living members (head first), then deceased relatives. */
export interface HouseholdDraft {
  readonly index: number;
  readonly province: ProvinceCode;
  readonly ward: Ward2025;
  readonly address: SyntheticAddress;
  readonly members: Draft[];
  readonly deceased: Draft[];
}

interface Home {
  readonly ctx: PopulationContext;
  readonly rng: Rng;
  readonly ids: ChunkIdentifiers;
  readonly ethnicity: EthnicitySpec;
  readonly homeOld: IdProvinceCode;
  readonly province: ProvinceCode;
  readonly religion: string;
}

/** Build the structure of household `index` (global) from the chunk's random stream. */
export function buildHousehold(ctx: PopulationContext, rng: Rng, ids: ChunkIdentifiers, index: number): HouseholdDraft {
  const ethnicity = ctx.ethnicity.sample(rng);
  const homeOld = (ctx.homeProvince.get(ethnicity.code) ?? ctx.nationalBirth).sample(rng);
  const province = getIdProvince(homeOld)?.province2025 as ProvinceCode;
  const ward = rng.pick(ctx.wardsOf.get(province) ?? []);
  const south = Number(homeOld) >= MEKONG_AND_SOUTHEAST_FROM;
  const home: Home = { ctx, rng, ids, ethnicity, homeOld, province, religion: householdReligion(ctx, rng, ethnicity.code, south) };
  const address: SyntheticAddress = { wardCode: ward.code, provinceCode: province, line: addressLine(rng, ward, south, ethnicity.code !== '01') };
  const hh: HouseholdDraft = { index, province, ward, address, members: [], deceased: [] };

  const size = SIZES.sample(rng);
  const r = rng.float();
  // Household types and their shares are tuned so that the population's age pyramid comes out
  // close to Viet Nam's (0–14 ~23%, 65+ ~9%); see the pyramid test.
  if (size === 1) {
    if (r < 0.35) single(home, hh, rng.range(20, 39), rng.chance(0.85) ? 'single' : 'divorced');
    else if (r < 0.75) widowedAlone(home, hh, rng.range(60, 92));
    else single(home, hh, rng.range(40, 59), rng.chance(0.6) ? 'divorced' : 'single');
  } else if (size === 2) {
    if (r < 0.55) {
      const young = rng.chance(0.3);
      couple(home, hh, young ? rng.range(22, 34) : rng.range(50, 85), 0, young);
    } else if (r < 0.8) singleParent(home, hh, 1);
    else grandparentWithGrandchild(home, hh);
  } else {
    const threeGenerations = size >= 5 ? rng.chance(0.55) : size === 4 ? rng.chance(0.3) : false;
    if (threeGenerations) threeGeneration(home, hh, size);
    else if (rng.chance(0.1)) singleParent(home, hh, size - 1);
    else couple(home, hh, 0, size - 2, false);
  }
  // Every household must end with exactly one head; a generator bug must not slip through.
  if (hh.members.filter((m) => m.relationship === 'head').length !== 1 || hh.members[0]?.relationship !== 'head') {
    throw new Error(`household ${index}: expected exactly one head, first`);
  }
  return hh;
}

function householdReligion(ctx: PopulationContext, rng: Rng, ethnicity: string, south: boolean): string {
  switch (ethnicity) {
    case '05': // Khmer: Theravada Buddhism
      return rng.chance(0.9) ? 'buddhism' : 'none';
    case '17': // Chăm: Bani Islam, Brahmanism (Balamon) and Islam
      return rng.pick(['islam', 'brahmanism', 'brahmanism', 'none']);
    case '04': // Hoa
      return rng.chance(0.35) ? 'buddhism' : rng.chance(0.05) ? 'catholicism' : 'none';
    case '10':
    case '12':
    case '13':
    case '08': // Central Highlands groups and Mông: large Protestant communities
      return rng.chance(0.3) ? 'protestantism' : rng.chance(0.12) ? 'catholicism' : 'none';
    default:
      return (south ? ctx.religionSouth : ctx.religionNorth).sample(rng);
  }
}

function addressLine(rng: Rng, ward: Ward2025, south: boolean, minority: boolean): string {
  if (ward.kind === 'ward') {
    const n = rng.range(1, 250);
    return rng.chance(0.3) ? `Số ${n}, ngõ ${rng.range(2, 120)}, đường ${rng.pick(STREETS)}` : `Số ${n}, đường ${rng.pick(STREETS)}`;
  }
  if (ward.kind === 'special_zone') return `Tổ dân phố ${rng.range(1, 15)}`;
  if (south) return `Ấp ${rng.range(1, 12)}`;
  return `${minority ? rng.pick(['Bản', 'Thôn']) : rng.pick(['Thôn', 'Xóm'])} ${rng.range(1, 15)}`;
}

// ---- people -------------------------------------------------------------------------------

interface NewPerson {
  readonly gender: Gender;
  readonly birth: number;
  /** Family name to inherit (children); drawn when absent. */
  readonly surname?: string | undefined;
  readonly ethnicity?: EthnicitySpec;
  /** Born in the household's province (children), or anywhere by the province's migration share. */
  readonly bornHere?: boolean;
  readonly hometown?: string | undefined;
  readonly relationship: Relationship | null;
  readonly marital: MaritalStatus;
}

function person(home: Home, p: NewPerson): Draft {
  const { ctx, rng, ids } = home;
  const ethnicity = p.ethnicity ?? home.ethnicity;
  const bornHere = p.bornHere ?? !rng.chance(bornElsewhereShare(home.homeOld));
  let registration: IdProvinceCode;
  if (bornHere) registration = p.birth >= MERGER_DAY ? idProvinceCodeOf2025(home.province) : home.homeOld;
  else registration = (ethnicity.homeland.length > 0 ? (ctx.homeProvince.get(ethnicity.code) ?? ctx.nationalBirth) : ctx.nationalBirth).sample(rng);
  const year = yearOfDays(p.birth);
  const allocated = ids.personalId(registration, p.gender, year);
  registration = allocated.province;
  const name = personName(home, ethnicity, p.gender, year, registration, p.surname);
  const hometown = p.hometown ?? (rng.chance(0.85) ? provinceName(registration) : provinceName(ctx.nationalBirth.sample(rng)));
  return {
    gender: p.gender,
    birth: p.birth,
    ethnicity,
    ...name,
    registration,
    personalId: allocated.id,
    record: ids.nextRecord(),
    hometown,
    religion: home.religion,
    father: null,
    mother: null,
    spouse: null,
    relationship: p.relationship,
    marital: p.marital,
    marriedOn: null,
    death: null,
  };
}

const provinceName = (code: string): string => getIdProvince(code)?.name ?? code;

function personName(home: Home, ethnicity: EthnicitySpec, gender: Gender, year: number, registration: string, inherited: string | undefined): { surname: string; middleName: string; givenName: string; fullName: string } {
  const { ctx, rng } = home;
  let surname = inherited;
  if (surname === undefined) {
    surname = (ctx.surnamesOf.get(ethnicity.code) ?? ctx.surnamesOf.get('01'))?.sample(rng) ?? 'Nguyễn';
    // South of Đà Nẵng, Hoàng and Vũ are mostly Huỳnh and Võ (a taboo of the Nguyễn lords).
    if (Number(registration) >= SOUTHERN_FROM && rng.chance(0.8)) {
      if (surname === 'Hoàng') surname = 'Huỳnh';
      else if (surname === 'Vũ') surname = 'Võ';
    }
  }
  if (ethnicity.givenFirst === true) {
    const givenName = gender === 'male' ? `Y ${rng.pick(EDE_GIVEN)}` : `H'${rng.pick(EDE_GIVEN)}`;
    return { surname, middleName: '', givenName, fullName: `${givenName} ${surname}` };
  }
  // Văn and Thị were near-universal middle names for the older generations and are much rarer
  // among the young.
  const traditional = gender === 'male'
    ? (year < 1960 ? 0.75 : year < 1980 ? 0.6 : year < 2000 ? 0.35 : 0.12)
    : (year < 1960 ? 0.85 : year < 1980 ? 0.7 : year < 2000 ? 0.4 : 0.15);
  const modern = year >= 1995;
  let middleName: string;
  if (rng.chance(traditional)) {
    middleName = gender === 'male' ? 'Văn' : 'Thị';
    if (gender === 'female' && rng.chance(0.2)) middleName += ` ${ctx.femaleMiddleOld.sample(rng)}`;
  } else {
    middleName = (gender === 'male' ? (modern ? ctx.maleMiddleNew : ctx.maleMiddleOld) : modern ? ctx.femaleMiddleNew : ctx.femaleMiddleOld).sample(rng);
  }
  let givenName = (gender === 'male' ? ctx.maleGiven : ctx.femaleGiven).sample(rng);
  if (middleName.endsWith(givenName)) givenName = (gender === 'male' ? ctx.maleGiven : ctx.femaleGiven).sample(rng);
  return { surname, middleName, givenName, fullName: `${surname} ${middleName} ${givenName}` };
}

/** A name for a relative who is not generated (a parent living elsewhere, a former spouse). */
function nameOnly(home: Home, gender: Gender, birthYear: number, surname?: string): string {
  return personName(home, home.ethnicity, gender, birthYear, home.homeOld, surname).fullName;
}

/** Birth day of someone aged between min and max years (uniform) on the reference date. */
function bornAged(home: Home, minAge: number, maxAge: number): number {
  return home.ctx.asOf - years(minAge) - home.rng.int(Math.max(1, years(maxAge - minAge + 1)));
}

function link(child: Draft, father: Draft | string | null, mother: Draft | string | null): void {
  child.father = father;
  child.mother = mother;
}

function marry(husband: Draft, wife: Draft, on: number): void {
  husband.spouse = wife;
  wife.spouse = husband;
  husband.marriedOn = on;
  wife.marriedOn = on;
  husband.marital = 'married';
  wife.marital = 'married';
}

/** Give an adult whose parents are not generated their parents' names. */
function parentNames(home: Home, d: Draft): void {
  const fatherYear = yearOfDays(d.birth) - home.rng.range(22, 40);
  d.father = nameOnly(home, 'male', fatherYear, d.ethnicity.givenFirst === true ? undefined : d.surname);
  d.mother = nameOnly(home, 'female', fatherYear + home.rng.range(0, 6), d.ethnicity.givenFirst === true ? d.surname : undefined);
}

/**
 * Husband and wife birth days around a marriage day that is legal for both: the wife is picked
 * first, then the husband a few years older, pushed back if he would be under 20 that day.
 */
function spouseBirths(home: Home, wifeBirth: number, marriedOn: number): number {
  const gap = Math.max(-3, Math.min(15, home.rng.normal(3.5, 3)));
  let husband = wifeBirth - years(gap);
  const latestLegal = birthdayAt(marriedOn, -MIN_MARRIAGE_AGE.male) - 1;
  if (husband > latestLegal) husband = latestLegal - home.rng.int(years(2));
  return husband;
}

/** Birth days of k children of a mother born on `motherBirth`, the first at age `firstAt`, none after the reference date. */
function childBirths(home: Home, firstBirth: number, k: number, maxSpan: number): number[] {
  const { rng, ctx } = home;
  const gaps: number[] = [];
  for (let i = 1; i < k; i++) gaps.push(years(0.9 + rng.float() * 4));
  let total = gaps.reduce((a, b) => a + b, 0);
  const span = Math.min(maxSpan, ctx.asOf - 1 - firstBirth);
  if (total > span) {
    const scale = span / total;
    for (let i = 0; i < gaps.length; i++) gaps[i] = Math.floor((gaps[i] ?? 0) * scale);
    total = gaps.reduce((a, b) => a + b, 0);
  }
  const out = [firstBirth];
  for (const g of gaps) out.push((out[out.length - 1] ?? firstBirth) + g);
  return out;
}

/**
 * A married couple with k children. The eldest child's age drives everything else: the mother
 * had her first child between 19 and ~32, married 0.5–3 years before it (so at 18 or older), and
 * had the last by 44; the husband is a few years older and at least 20 on the wedding day.
 * With k = 0 the couple is `young` (married in the last years) or older with grown children away.
 */
function couple(home: Home, hh: HouseholdDraft, husbandAge: number, k: number, young: boolean, maxEldest = 32, maxFirstAt = 12): { husband: Draft; wife: Draft; children: Draft[] } {
  const { rng, ctx } = home;
  const A = ctx.asOf;
  let wifeBirth: number;
  let marriedOn: number;
  let births: number[] = [];
  if (k === 0 && husbandAge < 20) throw new Error(`a childless couple needs an age, got ${husbandAge}`);
  if (k > 0) {
    const gapYears = 0.5 + rng.float() * 2.5;
    const firstAt = 18 + gapYears + 0.5 + rng.float() * maxFirstAt;
    const maxSpan = years(Math.max((k - 1) * 0.9, 44 - firstAt));
    // Eldest child 0–28, and old enough for the younger ones to be born before the reference date.
    const minEldest = Math.min(maxEldest, (k - 1) * 1.2 + 0.1);
    const eldestAge = minEldest + rng.float() * (maxEldest - minEldest);
    const firstBirth = A - years(eldestAge) - 1;
    wifeBirth = firstBirth - years(firstAt);
    marriedOn = firstBirth - years(gapYears);
    births = childBirths(home, firstBirth, k, maxSpan);
  } else if (young) {
    wifeBirth = A - years(husbandAge - 3 + rng.float() * 4);
    const legal = Math.max(birthdayAt(wifeBirth, MIN_MARRIAGE_AGE.female), A - years(8));
    marriedOn = legal + rng.int(Math.max(1, A - legal));
  } else {
    wifeBirth = A - years(husbandAge - 3 + rng.float() * 4);
    marriedOn = birthdayAt(wifeBirth, MIN_MARRIAGE_AGE.female) + rng.int(years(8));
  }
  const husbandBirth = spouseBirths(home, wifeBirth, marriedOn);
  const femaleHead = rng.chance(0.15);
  const husband = person(home, { gender: 'male', birth: husbandBirth, relationship: femaleHead ? 'spouse' : 'head', marital: 'married' });
  const wife = person(home, { gender: 'female', birth: wifeBirth, relationship: femaleHead ? 'head' : 'spouse', marital: 'married', ethnicity: rng.chance(0.95) ? home.ethnicity : (ctx.ethnicity.items[0] as EthnicitySpec) });
  marry(husband, wife, marriedOn);
  parentNames(home, husband);
  parentNames(home, wife);
  hh.members.push(...(femaleHead ? [wife, husband] : [husband, wife]));
  const children = births.map((b) => child(home, hh, b, husband, wife, 'child'));
  return { husband, wife, children };
}

function child(home: Home, hh: HouseholdDraft, birth: number, father: Draft | string | null, mother: Draft | string | null, relationship: Relationship): Draft {
  const paternal = home.ethnicity.givenFirst !== true; // Ê Đê children take the mother's family name
  const fatherDraft = typeof father === 'object' ? father : null;
  const motherDraft = typeof mother === 'object' ? mother : null;
  const lineage = paternal ? fatherDraft ?? motherDraft : motherDraft ?? fatherDraft;
  const c = person(home, {
    gender: home.rng.chance(0.512) ? 'male' : 'female', // sex ratio at birth ~105 boys per 100 girls
    birth,
    surname: lineage?.surname,
    ethnicity: fatherDraft?.ethnicity ?? home.ethnicity,
    bornHere: home.rng.chance(0.95),
    hometown: fatherDraft?.hometown ?? motherDraft?.hometown,
    relationship,
    marital: 'single',
  });
  link(c, father, mother);
  hh.members.push(c);
  return c;
}

function single(home: Home, hh: HouseholdDraft, age: number, marital: MaritalStatus): void {
  const head = person(home, { gender: home.rng.chance(0.5) ? 'male' : 'female', birth: bornAged(home, age, age), relationship: 'head', marital });
  parentNames(home, head);
  hh.members.push(head);
}

/** A widow(er) living alone; the late spouse is a deceased record. */
function widowedAlone(home: Home, hh: HouseholdDraft, age: number): void {
  const { rng } = home;
  const female = rng.chance(0.75); // women outlive men
  const birth = bornAged(home, age, age);
  const marriedOn = birthdayAt(birth, female ? MIN_MARRIAGE_AGE.female + 1 : MIN_MARRIAGE_AGE.male + 1) + rng.int(years(8));
  const head = person(home, { gender: female ? 'female' : 'male', birth, relationship: 'head', marital: 'widowed' });
  parentNames(home, head);
  hh.members.push(head);
  lateSpouse(home, hh, head, marriedOn, Math.max(marriedOn + years(1), birthdayAt(birth, 45)));
}

/** Record the deceased spouse of `survivor`, married on `marriedOn`, died after `notBefore`. */
function lateSpouse(home: Home, hh: HouseholdDraft, survivor: Draft, marriedOn: number, notBefore: number): void {
  const { rng, ctx } = home;
  const gender: Gender = survivor.gender === 'male' ? 'female' : 'male';
  let birth = survivor.birth + (gender === 'male' ? -1 : 1) * years(rng.float() * 6);
  const legal = birthdayAt(marriedOn, -MIN_MARRIAGE_AGE[gender]) - 1;
  if (birth > legal) birth = legal;
  const last = ctx.asOf - 1;
  const from = Math.min(notBefore, last);
  const d = person(home, { gender, birth, relationship: null, marital: 'married' });
  parentNames(home, d);
  d.death = from + rng.int(Math.max(1, last - from + 1));
  d.spouse = survivor;
  d.marriedOn = marriedOn;
  survivor.spouse = d;
  survivor.marriedOn = marriedOn;
  survivor.marital = 'widowed';
  hh.deceased.push(d);
}

/** One parent with k children; the other parent divorced (named) or dead (a deceased record). */
function singleParent(home: Home, hh: HouseholdDraft, k: number): void {
  const { rng } = home;
  const mother = rng.chance(0.75);
  // Build as a couple, then remove the absent parent from the household.
  const start = hh.members.length;
  const { husband, wife, children } = couple(home, hh, 0, k, false);
  const [stay, gone] = mother ? [wife, husband] : [husband, wife];
  hh.members.splice(start, hh.members.length - start, stay, ...children);
  stay.relationship = 'head';
  if (rng.chance(0.6)) {
    // Divorced: the former spouse is not generated, only named on the children's records.
    stay.marital = 'divorced';
    stay.spouse = null;
    stay.marriedOn = null;
    for (const c of children) {
      if (mother) c.father = gone.fullName;
      else c.mother = gone.fullName;
    }
  } else {
    const lastChild = Math.max(...children.map((c) => c.birth));
    hh.deceased.push(gone);
    gone.relationship = null;
    gone.death = lastChild - (mother ? years(0.7) : 0) + home.rng.int(Math.max(1, home.ctx.asOf - 1 - lastChild));
    if (gone.death >= home.ctx.asOf) gone.death = home.ctx.asOf - 1;
    stay.marital = 'widowed';
  }
}

/** A grandparent raising a grandchild whose parents live elsewhere. */
function grandparentWithGrandchild(home: Home, hh: HouseholdDraft): void {
  const { rng } = home;
  const female = rng.chance(0.7);
  const g = person(home, { gender: female ? 'female' : 'male', birth: bornAged(home, 55, 85), relationship: 'head', marital: 'widowed' });
  parentNames(home, g);
  hh.members.push(g);
  const age = (home.ctx.asOf - g.birth) / YEAR;
  const marriedOn = birthdayAt(g.birth, 22) + rng.int(years(5));
  lateSpouse(home, hh, g, marriedOn, Math.max(marriedOn + years(5), birthdayAt(g.birth, 50)));
  // The grandchild's parents are not generated. The child belongs to the grandparent's family
  // line when the grandparent is on the side that passes the family name on (the father's,
  // or the mother's for the matrilineal Ê Đê).
  const paternal = home.ethnicity.givenFirst !== true;
  const childAge = Math.min(17, Math.max(0, Math.floor(age - 40)), 3 + rng.int(15));
  const birth = bornAged(home, childAge, childAge);
  const y = yearOfDays(birth);
  const surname = female !== paternal ? g.surname : undefined;
  const gc = person(home, { gender: rng.chance(0.512) ? 'male' : 'female', birth, surname, bornHere: rng.chance(0.9), relationship: 'grandchild', marital: 'single' });
  gc.father = nameOnly(home, 'male', y - rng.range(22, 35), paternal ? gc.surname : undefined);
  gc.mother = nameOnly(home, 'female', y - rng.range(20, 33), paternal ? undefined : gc.surname);
  hh.members.push(gc);
}

/**
 * Three generations: an elderly couple (or widow), their child with spouse, and grandchildren.
 * Half the time the elder is head; otherwise the middle generation heads the household.
 */
function threeGeneration(home: Home, hh: HouseholdDraft, size: number): void {
  const { rng } = home;
  // At least one grandchild: a size-4 household has room for one elder only.
  const elders = size >= 5 && rng.chance(0.6) ? 2 : 1;
  const kids = size - 2 - elders;
  const elderHead = rng.chance(0.5);
  // The middle generation: a couple aged 25–50 with `kids` children.
  const start = hh.members.length;
  // Younger than other couples, so that their parents are alive and under ~95.
  const mid = couple(home, hh, 0, kids, false, 18, 8);
  const son = mid.husband;
  const daughterInLaw = mid.wife;
  // Elder parents of the son: the mother had him at 20–36, married 0.5–3 years before.
  const gapYears = 0.5 + rng.float() * 2.5;
  const motherAt = 18 + gapYears + 1 + rng.float() * 12;
  const grandmaBirth = son.birth - years(motherAt);
  const eldersMarried = son.birth - years(gapYears);
  let grandpaBirth = spouseBirths(home, grandmaBirth, eldersMarried);
  // Keep the elder under 100 when the marriage-age rule allows it.
  const oldest = home.ctx.asOf - years(99);
  if (grandpaBirth < oldest && oldest <= birthdayAt(eldersMarried, -MIN_MARRIAGE_AGE.male) - 1) grandpaBirth = oldest;
  const surname = son.surname;
  const grandpa = person(home, { gender: 'male', birth: grandpaBirth, surname, ethnicity: son.ethnicity, relationship: elderHead ? 'head' : 'father', marital: 'married' });
  const grandma = person(home, { gender: 'female', birth: grandmaBirth, ethnicity: son.ethnicity, relationship: elderHead ? 'spouse' : 'mother', marital: 'married' });
  marry(grandpa, grandma, eldersMarried);
  parentNames(home, grandpa);
  parentNames(home, grandma);
  son.father = grandpa;
  son.mother = grandma;
  const ids = hh.members.splice(start);
  const children = ids.filter((d) => d !== son && d !== daughterInLaw);
  if (elders === 1) {
    // One elder lives on; the other is a deceased record, dead after the son was born.
    const [alive, dead] = rng.chance(0.7) ? [grandma, grandpa] : [grandpa, grandma];
    dead.relationship = null;
    dead.death = son.birth + rng.int(Math.max(1, home.ctx.asOf - 1 - son.birth));
    alive.marital = 'widowed';
    if (elderHead) alive.relationship = 'head';
    hh.deceased.push(dead);
    if (elderHead) hh.members.push(alive, son, daughterInLaw, ...children);
    else hh.members.push(son, daughterInLaw, alive, ...children);
  } else if (elderHead) hh.members.push(grandpa, grandma, son, daughterInLaw, ...children);
  else hh.members.push(son, daughterInLaw, grandpa, grandma, ...children);
  if (elderHead) {
    son.relationship = 'child';
    daughterInLaw.relationship = 'child_in_law';
    for (const c of children) c.relationship = 'grandchild';
  } else {
    son.relationship = 'head';
    daughterInLaw.relationship = 'spouse';
  }
}
