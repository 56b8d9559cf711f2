import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getWard2025, isIdProvinceCode, validatePersonalId } from '@ndxp/core';
import { generatePopulation } from './generate-population.ts';
import { generateChunk } from './generate-chunk.ts';
import { HOUSEHOLDS_PER_CHUNK } from './identifiers.ts';
import { cardExpiry } from './finalize-household.ts';
import { ageOn, daysFromIso } from './random/days.ts';
import type { SyntheticHousehold, SyntheticPerson } from './types.ts';

const AS_OF = '2026-07-01';
const COUNT = 20_000;
const households: SyntheticHousehold[] = [...generatePopulation({ seed: 'invariants', count: COUNT, asOf: AS_OF })];
const people: SyntheticPerson[] = households.flatMap((h) => [...h.members, ...h.deceased]);
const living = households.flatMap((h) => h.members);
const byId = new Map(people.map((p) => [p.personalId as string, p]));
const day = daysFromIso;
const asOf = day(AS_OF);
const share = <T>(items: readonly T[], pred: (t: T) => boolean) => items.filter(pred).length / items.length;

describe('a whole synthetic population', () => {
  it('has exactly the requested number of records', () => {
    expect(people).toHaveLength(COUNT);
  });

  it('gives everyone a unique personal ID valid for their birth province, gender and year', () => {
    expect(byId.size).toBe(COUNT);
    for (const p of people) {
      const v = validatePersonalId(p.personalId, { gender: p.gender, dateOfBirth: p.dateOfBirth });
      expect(v.ok, `${p.personalId} ${p.gender} ${p.dateOfBirth}`).toBe(true);
      expect(p.personalId.slice(0, 3)).toBe(p.birthRegistrationProvince);
      expect(isIdProvinceCode(p.birthRegistrationProvince)).toBe(true);
      if (p.idCard !== null) expect(p.idCard.number).toBe(p.personalId);
    }
  });

  it('gives unique old 9-digit numbers, household IDs and residence file numbers', () => {
    const old = people.flatMap((p) => (p.oldIdNumber === null ? [] : [p.oldIdNumber]));
    expect(new Set(old).size).toBe(old.length);
    for (const o of old) expect(o).toMatch(/^\d{9}$/);
    expect(new Set(households.map((h) => h.householdId)).size).toBe(households.length);
    expect(new Set(households.map((h) => h.residenceFileNumber)).size).toBe(households.length);
  });

  it('has exactly one head per household, listed first, and only living members', () => {
    for (const h of households) {
      expect(h.members.filter((m) => m.relationshipToHead === 'head')).toHaveLength(1);
      expect(h.members[0]?.relationshipToHead).toBe('head');
      expect(h.headPersonalId).toBe(h.members[0]?.personalId);
      for (const m of h.members) {
        expect(m.householdId).toBe(h.householdId);
        expect(m.dateOfDeath).toBeNull();
      }
      for (const d of h.deceased) {
        expect(d.householdId).toBeNull();
        expect(d.relationshipToHead).toBeNull();
        expect(day(d.dateOfDeath ?? '')).toBeGreaterThanOrEqual(day(d.dateOfBirth));
        expect(day(d.dateOfDeath ?? '')).toBeLessThan(asOf);
      }
    }
  });

  it('makes parents older than their children: mothers 18+, fathers 20+ at the birth', () => {
    let checked = 0;
    for (const p of people) {
      for (const [ref, min] of [[p.father, 20], [p.mother, 18]] as const) {
        if (ref?.personalId == null) continue;
        const parent = byId.get(ref.personalId);
        expect(parent, `parent ${ref.personalId} of ${p.personalId}`).toBeDefined();
        if (parent === undefined) continue;
        expect(parent.fullName).toBe(ref.fullName);
        expect(ageOn(day(parent.dateOfBirth), day(p.dateOfBirth))).toBeGreaterThanOrEqual(min);
        expect(parent.gender).toBe(ref === p.father ? 'male' : 'female');
        checked++;
      }
      expect(day(p.dateOfBirth)).toBeLessThan(asOf);
    }
    expect(checked).toBeGreaterThan(COUNT / 3);
  });

  it('marries only people of legal age (men 20, women 18) on the wedding day, in symmetric pairs', () => {
    let couples = 0;
    for (const p of people) {
      if (p.spouse?.personalId == null) continue;
      const s = byId.get(p.spouse.personalId);
      expect(s).toBeDefined();
      if (s === undefined) continue;
      expect(s.spouse?.personalId).toBe(p.personalId);
      expect(s.gender).not.toBe(p.gender);
      expect(p.marriedOn).not.toBeNull();
      expect(s.marriedOn).toBe(p.marriedOn);
      const wedding = day(p.marriedOn ?? '');
      expect(ageOn(day(p.dateOfBirth), wedding)).toBeGreaterThanOrEqual(p.gender === 'male' ? 20 : 18);
      expect(wedding).toBeLessThan(asOf);
      expect(['married', 'widowed']).toContain(p.maritalStatus);
      if (p.dateOfDeath === null && s.dateOfDeath !== null) expect(p.maritalStatus).toBe('widowed');
      couples++;
    }
    expect(couples).toBeGreaterThan(COUNT / 4);
    for (const p of living) if (ageOn(day(p.dateOfBirth), asOf) < 18) expect(p.maritalStatus).toBe('single');
  });

  it('gives every living minor a legal representative from the household', () => {
    for (const h of households) {
      const ids = new Set(h.members.map((m) => m.personalId as string));
      for (const m of h.members) {
        if (ageOn(day(m.dateOfBirth), asOf) >= 18) continue;
        expect(m.representative, m.personalId).not.toBeNull();
        if (m.representative?.personalId != null) expect(ids.has(m.representative.personalId)).toBe(true);
      }
    }
  });

  it('issues identity cards by the renewal rules of the 2023 law', () => {
    for (const p of people) {
      if (p.idCard === null) continue;
      const issued = day(p.idCard.issuedOn);
      expect(issued).toBeGreaterThan(day(p.dateOfBirth));
      expect(issued).toBeLessThanOrEqual(p.dateOfDeath === null ? asOf : day(p.dateOfDeath));
      const expiry = cardExpiry(day(p.dateOfBirth), issued);
      expect(p.idCard.expiresOn === null ? null : day(p.idCard.expiresOn)).toBe(expiry);
      if (issued < day('2024-07-01')) expect(ageOn(day(p.dateOfBirth), issued)).toBeGreaterThanOrEqual(14);
    }
    const adults = living.filter((p) => ageOn(day(p.dateOfBirth), asOf) >= 14);
    expect(share(adults, (p) => p.idCard !== null)).toBeGreaterThan(0.9);
  });

  it('places everyone on real 2025 wards', () => {
    for (const p of people) {
      for (const a of [p.permanentResidence, p.currentResidence, ...(p.temporaryResidence === null ? [] : [p.temporaryResidence])]) {
        expect(getWard2025(a.wardCode)?.provinceCode).toBe(a.provinceCode);
      }
    }
    expect(share(living, (p) => p.temporaryResidence !== null)).toBeGreaterThan(0.01);
  });

  it('matches Vietnamese distributions: surnames, ethnicity, religion, household size, age pyramid', () => {
    const kinh = people.filter((p) => p.ethnicity === '01');
    expect(share(people, (p) => p.ethnicity === '01')).toBeGreaterThan(0.82);
    expect(share(people, (p) => p.ethnicity === '01')).toBeLessThan(0.89);
    const surname = (s: string) => share(kinh, (p) => p.surname === s);
    expect(surname('Nguyễn')).toBeGreaterThan(0.34);
    expect(surname('Nguyễn')).toBeLessThan(0.42);
    expect(surname('Trần')).toBeGreaterThan(0.08);
    expect(surname('Trần')).toBeLessThan(0.14);
    expect(surname('Lê')).toBeGreaterThan(0.07);
    expect(surname('Lê')).toBeLessThan(0.12);
    expect(surname('Phạm')).toBeGreaterThan(0.05);
    expect(surname('Phạm')).toBeLessThan(0.09);
    expect(surname('Hoàng') + surname('Huỳnh')).toBeGreaterThan(0.035);
    expect(surname('Huỳnh')).toBeGreaterThan(0.005);
    expect(share(people, (p) => p.religion === 'none')).toBeGreaterThan(0.8);
    expect(share(people, (p) => p.religion === 'catholicism')).toBeGreaterThan(0.03);
    const meanSize = living.length / households.length;
    expect(meanSize).toBeGreaterThan(3.3);
    expect(meanSize).toBeLessThan(3.7);
    const age = (p: SyntheticPerson) => ageOn(day(p.dateOfBirth), asOf);
    expect(share(living, (p) => age(p) < 15)).toBeGreaterThan(0.2);
    expect(share(living, (p) => age(p) < 15)).toBeLessThan(0.28);
    expect(share(living, (p) => age(p) >= 65)).toBeGreaterThan(0.06);
    expect(share(living, (p) => age(p) >= 65)).toBeLessThan(0.13);
    expect(share(living, (p) => p.gender === 'male')).toBeGreaterThan(0.46);
    expect(share(living, (p) => p.gender === 'male')).toBeLessThan(0.54);
  });
});

describe('determinism', () => {
  const digest = (seed: string, count: number) => {
    const h = createHash('sha256');
    for (const hh of generatePopulation({ seed, count, asOf: AS_OF })) h.update(JSON.stringify(hh));
    return h.digest('hex');
  };

  it('gives the same population for the same seed and a different one for another seed', () => {
    expect(digest('repeat', 3000)).toBe(digest('repeat', 3000));
    expect(digest('repeat', 3000)).not.toBe(digest('other', 3000));
  });

  it('makes a smaller count a prefix of a larger one', () => {
    const small = [...generatePopulation({ seed: 'invariants', count: 1234, asOf: AS_OF })].flatMap((h) => [...h.members, ...h.deceased]);
    expect(small).toHaveLength(1234);
    const prefix = people.slice(0, 1234);
    // Records are equal except links to relatives that the smaller count cut off.
    for (let i = 0; i < small.length; i++) {
      const a = small[i] as SyntheticPerson;
      const b = prefix[i] as SyntheticPerson;
      expect({ ...a, father: null, mother: null, spouse: null, representative: null }).toEqual({ ...b, father: null, mother: null, spouse: null, representative: null });
      expect(a.spouse?.fullName).toBe(b.spouse?.fullName);
    }
  });

  it('regenerates any chunk on its own, equal to the same households in the population', () => {
    const chunk1 = [...generateChunk({ seed: 'invariants', asOf: AS_OF }, 1)];
    expect(chunk1).toHaveLength(HOUSEHOLDS_PER_CHUNK);
    expect(chunk1[0]?.index).toBe(HOUSEHOLDS_PER_CHUNK);
    const fromStart = households.filter((h) => h.index >= HOUSEHOLDS_PER_CHUNK && h.index < 2 * HOUSEHOLDS_PER_CHUNK);
    expect(fromStart.length).toBeGreaterThan(100);
    expect(chunk1.slice(0, fromStart.length - 1)).toEqual(fromStart.slice(0, -1));
  });

  it('rejects impossible counts', () => {
    expect(() => generatePopulation({ seed: 1, count: -1 }).next()).toThrow(RangeError);
    expect(() => generatePopulation({ seed: 1, count: 1.5 }).next()).toThrow(RangeError);
    expect([...generatePopulation({ seed: 1, count: 0 })]).toEqual([]);
  });
});
