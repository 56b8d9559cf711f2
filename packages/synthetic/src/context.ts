import { getIdProvince, listIdProvinces, listProvinces2025, listWards2025, type IdProvinceCode, type Ward2025 } from '@ndxp/core';
import { hashWords } from './random/prng.ts';
import { Weighted } from './random/weighted.ts';
import { daysFromIso } from './random/days.ts';
import { BORN_ELSEWHERE_SHARE, DEFAULT_BORN_ELSEWHERE, POPULATION_2019_THOUSANDS } from './tables/provinces.ts';
import { ETHNICITIES, type EthnicitySpec } from './tables/ethnicities.ts';
import { RELIGION_NORTH, RELIGION_SOUTH } from './tables/religions.ts';
import { FEMALE_GIVEN, FEMALE_MIDDLE, KINH_SURNAMES, MALE_GIVEN, MALE_MIDDLE } from './tables/names.ts';

/** Default reference date: ages, card validity and "recent" events are computed as of this day. */
export const DEFAULT_AS_OF = '2026-07-01';

/** Prepared, immutable sampling tables for one seed and reference date. */
export interface PopulationContext {
  readonly seed: string;
  /** 32-bit hash of the seed; every stream and key derives from it. */
  readonly seedHash: number;
  /** Reference date as a day number. */
  readonly asOf: number;
  readonly asOfIso: string;
  readonly ethnicity: Weighted<EthnicitySpec>;
  /** Per ethnicity code: where its households live (former province codes). */
  readonly homeProvince: ReadonlyMap<string, Weighted<IdProvinceCode>>;
  /** Where someone born "elsewhere" was born: national population weights. */
  readonly nationalBirth: Weighted<IdProvinceCode>;
  readonly wardsOf: ReadonlyMap<string, readonly Ward2025[]>;
  readonly surnamesOf: ReadonlyMap<string, Weighted<string>>;
  readonly maleGiven: Weighted<string>;
  readonly femaleGiven: Weighted<string>;
  readonly maleMiddleOld: Weighted<string>;
  readonly maleMiddleNew: Weighted<string>;
  readonly femaleMiddleOld: Weighted<string>;
  readonly femaleMiddleNew: Weighted<string>;
  readonly religionNorth: Weighted<string>;
  readonly religionSouth: Weighted<string>;
  /** Index (0–62) of each personal-ID province code, for compact bucket keys. */
  readonly idProvinceIndex: ReadonlyMap<string, number>;
  readonly idProvinceCodes: readonly IdProvinceCode[];
}

const cache = new Map<string, PopulationContext>();

/** Build (or reuse) the context of a seed and reference date. Pure: no I/O, no clock. */
export function populationContext(seed: string | number, asOfIso: string = DEFAULT_AS_OF): PopulationContext {
  const seedText = String(seed);
  const key = `${seedText}\u0000${asOfIso}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;

  const idProvinces = listIdProvinces();
  const popOf = (code: string) => POPULATION_2019_THOUSANDS[code] ?? 0;
  const nationalBirth = new Weighted(idProvinces.map((p) => [p.code, popOf(p.code)] as const));
  const homeProvince = new Map<string, Weighted<IdProvinceCode>>();
  const surnamesOf = new Map<string, Weighted<string>>();
  for (const e of ETHNICITIES) {
    homeProvince.set(e.code, e.homeland.length === 0 ? nationalBirth : new Weighted(e.homeland.map((c) => [getIdProvince(c)?.code ?? (c as IdProvinceCode), popOf(c)] as const)));
    surnamesOf.set(e.code, new Weighted(e.surnames.length === 0 ? KINH_SURNAMES : e.surnames));
  }
  const middle = (table: readonly (readonly [string, number, boolean])[], modern: boolean) =>
    new Weighted(table.map(([n, w, isModern]) => [n, isModern === modern ? w * 2 : w] as const));
  const wardsOf = new Map<string, readonly Ward2025[]>();
  for (const p of listProvinces2025()) wardsOf.set(p.code, listWards2025(p.code));

  const ctx: PopulationContext = {
    seed: seedText,
    seedHash: hashWords('ndxp-synthetic-population', seedText),
    asOf: daysFromIso(asOfIso),
    asOfIso,
    ethnicity: new Weighted(ETHNICITIES.map((e) => [e, e.share] as const)),
    homeProvince,
    nationalBirth,
    wardsOf,
    surnamesOf,
    maleGiven: new Weighted(MALE_GIVEN),
    femaleGiven: new Weighted(FEMALE_GIVEN),
    maleMiddleOld: middle(MALE_MIDDLE, false),
    maleMiddleNew: middle(MALE_MIDDLE, true),
    femaleMiddleOld: middle(FEMALE_MIDDLE, false),
    femaleMiddleNew: middle(FEMALE_MIDDLE, true),
    religionNorth: new Weighted(RELIGION_NORTH),
    religionSouth: new Weighted(RELIGION_SOUTH),
    idProvinceIndex: new Map(idProvinces.map((p, i) => [p.code, i])),
    idProvinceCodes: idProvinces.map((p) => p.code),
  };
  if (cache.size >= 16) cache.clear(); // a handful of seeds per process; never grow without bound
  cache.set(key, ctx);
  return ctx;
}

/** Share of a former province's residents who were born in another province. */
export function bornElsewhereShare(code: string): number {
  return BORN_ELSEWHERE_SHARE[code] ?? DEFAULT_BORN_ELSEWHERE;
}
