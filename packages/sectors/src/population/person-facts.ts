import { ageOn, daysFromIso, hashWords, isoFromDays, Rng, type SyntheticPerson } from '@ndxp/synthetic';
import { benefitLevelOf, makeHealthInsuranceCard, makeSocialInsuranceNumber, makeTaxCode, type HealthInsuranceGroup } from './identifiers.ts';

/** What a person does, which decides the sectoral records they have. */
export type Occupation = 'child' | 'pupil' | 'student' | 'employee' | 'civil_servant' | 'self_employed' | 'farmer' | 'unemployed' | 'retired' | 'elderly';

/**
 * Facts about one person shared by several sectoral systems, so that they agree without reading
 * each other's databases: the insurance system and the e-health book show the same health
 * insurance card, the tax system and the business register the same tax code. Derived from the
 * seed and the personal ID only (pure, deterministic), as every reference system derives its
 * records from the synthetic population of the same seed.
 *
 * Shares are rough, public-order-of-magnitude figures (health insurance covers ~93% of the
 * population; ~40% of workers are wage employees), chosen for a plausible demo, not statistics.
 */
export interface PersonFacts {
  readonly personalId: string;
  /** Position of the person in the population (0-based). */
  readonly ordinal: number;
  readonly age: number;
  readonly alive: boolean;
  readonly occupation: Occupation;
  /** 2025 province code of current residence. */
  readonly province: string;
  readonly healthInsurance: { readonly group: HealthInsuranceGroup; readonly card: string; readonly validFrom: string; readonly validTo: string; readonly level: number } | null;
  /** 10-digit social insurance number: everyone insured has one. */
  readonly socialInsuranceNumber: string | null;
  /** 10-digit personal tax code, issued before the personal ID replaced it (1 Jul 2025). */
  readonly taxCode: string | null;
  /** The person is the legal representative of an enterprise. */
  readonly businessOwner: boolean;
  readonly employerTaxCode: string | null;
}

/** Statutory retirement age in 2026 (Labour Code 2019 Art. 169 roadmap): about 61 for men, 57 for women. */
function retirementAge(p: SyntheticPerson): number {
  return p.gender === 'male' ? 61 : 57;
}

function occupationOf(p: SyntheticPerson, age: number, rng: Rng): Occupation {
  if (age < 6) return 'child';
  if (age < 18) return 'pupil';
  if (age >= retirementAge(p)) return rng.chance(0.4) ? 'retired' : 'elderly';
  const r = rng.float();
  if (age < 23) return r < 0.5 ? 'student' : r < 0.75 ? 'employee' : r < 0.85 ? 'self_employed' : 'farmer';
  if (r < 0.38) return 'employee';
  if (r < 0.44) return 'civil_servant';
  if (r < 0.64) return 'self_employed';
  if (r < 0.9) return 'farmer';
  return 'unemployed';
}

function groupOf(occupation: Occupation, age: number, rng: Rng): HealthInsuranceGroup | null {
  switch (occupation) {
    case 'child':
      return 'TE';
    case 'pupil':
      return 'HS';
    case 'student':
      return 'SV';
    case 'employee':
      return 'DN';
    case 'civil_servant':
      return 'HC';
    case 'retired':
      return 'HT';
    case 'elderly':
      return age >= 80 ? 'BT' : rng.chance(0.85) ? 'GD' : null;
    case 'farmer':
      return rng.chance(0.08) ? 'HN' : rng.chance(0.85) ? 'GD' : null;
    case 'self_employed':
      return rng.chance(0.85) ? 'GD' : null;
    case 'unemployed':
      return rng.chance(0.6) ? 'GD' : null;
  }
}

/**
 * The shared facts of `person` for population `seed` as of `asOf` (`YYYY-MM-DD`). `ordinal` is
 * the person's position in the population: registry numbers are built from it, so they are
 * unique by construction.
 */
export function personFacts(seed: string, person: SyntheticPerson, asOf: string, ordinal: number): PersonFacts {
  const rng = new Rng(seed, 'sector-facts', person.personalId);
  const today = daysFromIso(asOf);
  const age = ageOn(daysFromIso(person.dateOfBirth), today);
  const alive = person.dateOfDeath === null;
  const province = person.currentResidence.provinceCode;
  const occupation = occupationOf(person, age, rng);
  const group = alive ? groupOf(occupation, age, rng) : null;
  const socialInsuranceNumber = group === null ? null : makeSocialInsuranceNumber(ordinal, hashWords(seed, 'social-insurance-number'), province);
  let healthInsurance: PersonFacts['healthInsurance'] = null;
  if (group !== null && socialInsuranceNumber !== null) {
    // Cards run a calendar year for most groups; this year's card started on 1 January.
    const level = benefitLevelOf(group);
    const year = Number(asOf.slice(0, 4));
    healthInsurance = { group, level, card: makeHealthInsuranceCard(group, level, province, socialInsuranceNumber), validFrom: `${year}-01-01`, validTo: `${year}-12-31` };
  }
  const worker = occupation === 'employee' || occupation === 'civil_servant' || occupation === 'self_employed';
  const businessOwner = alive && age >= 25 && age < 66 && (occupation === 'self_employed' ? rng.chance(0.2) : occupation === 'employee' ? rng.chance(0.03) : false);
  const hasTaxCode = alive && (businessOwner || occupation === 'civil_servant' || (occupation === 'employee' && rng.chance(0.85)) || (occupation === 'self_employed' && rng.chance(0.6)) || (occupation === 'retired' && rng.chance(0.3)));
  const taxCode = hasTaxCode ? makeTaxCode(ordinal, hashWords(seed, 'personal-tax-code'), province) : null;
  // Employers: a small pool per province, so co-workers share an employer.
  const employerTaxCode = worker && occupation !== 'self_employed' ? makeTaxCode(rng.int(40), hashWords(seed, 'employer', province), province) : null;
  return { personalId: person.personalId, ordinal, age, alive, occupation, province, healthInsurance, socialInsuranceNumber, taxCode, businessOwner, employerTaxCode };
}

/** A date `yearsAgo` (fractional) before `asOf`, with a random day, never before `notBefore`. */
export function dateBefore(rng: Rng, asOf: string, maxYearsAgo: number, notBefore?: string): string {
  const end = daysFromIso(asOf);
  const start = Math.max(end - Math.round(maxYearsAgo * 365.25), notBefore === undefined ? -Infinity : daysFromIso(notBefore));
  return isoFromDays(start + rng.int(Math.max(1, end - start)));
}

/** Add whole years to a `YYYY-MM-DD` date (29 Feb → 28 Feb). */
export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5);
  return `${String(y).padStart(4, '0')}-${md === '02-29' ? '02-28' : md}`;
}
