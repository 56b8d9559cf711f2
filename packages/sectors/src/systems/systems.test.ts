import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testBackends, type Db } from '@ndxp/db';
import { isValidTaxCode } from '../population/identifiers.ts';
import { openSchemaDatabase, schemaNameOf } from '../runtime/schema-database.ts';
import { deriveRows, peopleOf, type PopulationSpec } from '../runtime/seed-system.ts';
import type { SectorSystem, Subject } from '../runtime/sector-system.ts';
import { startSectorSystem, subsystemIdOf, type RunningSectorSystem } from '../runtime/start-sector-system.ts';
import { createFakeHubSigner } from '../testing/fake-hub-signer.ts';
import { SECTOR_SYSTEMS } from './index.ts';

const SPEC: PopulationSpec = { seed: 'sectors-test', count: 1000 };

/** Document number formats the NPDB receives, where they are public. */
const FORMATS: Readonly<Record<string, RegExp>> = {
  social_insurance_number: /^[0-9]{10}$/,
  health_insurance_card: /^[A-Z]{2}[1-5][0-9]{2}[0-9]{10}$/,
  tax_code: /^[0-9]{10}$/,
  enterprise_code: /^[0-9]{10}$/,
  driving_licence: /^[0-9]{12}$/,
  vehicle_registration: /^[0-9]{2}[A-Z]-[0-9]{3}\.[0-9]{2}$/,
  land_use_certificate: /^[A-Z]{2} [0-9]{6}$/,
  phone_subscription: /^0[0-9]{9}$/,
};

function firstSubject(system: SectorSystem): Subject | undefined {
  for (const member of peopleOf(SPEC)) {
    const { rows, ctx } = deriveRows(system, member, SPEC);
    const subject = { person: member.person, facts: ctx.facts, rows };
    if (system.isSubject(subject)) return subject;
  }
  return undefined;
}

describe('the 19 reference systems as data', () => {
  it('cover II.1 to II.19 in plan order, each with its own subsystem and at least one service, NPDB use and grant', () => {
    expect(SECTOR_SYSTEMS.map((s) => s.planItem)).toEqual(Array.from({ length: 19 }, (_, i) => `II.${i + 1}`));
    expect(new Set(SECTOR_SYSTEMS.map(subsystemIdOf)).size).toBe(19);
    for (const s of SECTOR_SYSTEMS) {
      expect(s.services.length, s.planItem).toBeGreaterThan(0);
      expect(s.consumes.length, s.planItem).toBeGreaterThan(0);
      expect(s.exposes.length, s.planItem).toBeGreaterThan(0);
      for (const g of [...s.consumes, ...s.exposes]) expect(g.legalBasis, s.planItem).toMatch(/(Luật|Nghị định|Bộ luật|Pháp lệnh|Thông tư)/);
    }
    // At least three systems are built on the declarative adapter alone (their services are YAML files).
    const adapterOnly = SECTOR_SYSTEMS.filter((s) => s.services.every((x) => x.kind === 'adapter'));
    expect(adapterOnly.length).toBeGreaterThanOrEqual(3);
  });

  it('derive the same records for the same seed, each row about its own person', () => {
    const tax = SECTOR_SYSTEMS[8] as SectorSystem;
    const a = [...peopleOf(SPEC)].slice(0, 200).map((m) => deriveRows(tax, m, SPEC).rows);
    const b = [...peopleOf(SPEC)].slice(0, 200).map((m) => deriveRows(tax, m, SPEC).rows);
    expect(a).toEqual(b);
    for (const system of SECTOR_SYSTEMS) {
      for (const m of [...peopleOf(SPEC)].slice(0, 300)) {
        for (const list of Object.values(deriveRows(system, m, SPEC).rows)) {
          for (const row of list) {
            const ids = Object.entries(row).filter(([k, v]) => /personal_id$/.test(k) && v !== null).map(([, v]) => v);
            // A row that names people names its own (a marriage row may name the spouse too);
            // child rows (cards, settlements) hang off a parent keyed by the person's number.
            if (ids.length > 0) expect(ids, system.planItem).toContain(m.person.personalId);
          }
        }
      }
    }
  });
});

describe.each(testBackends())('the 19 reference systems on %s', (kind) => {
  let base: Db;
  let hub: Awaited<ReturnType<typeof createFakeHubSigner>>;
  const running = new Map<string, RunningSectorSystem>();

  beforeAll(async () => {
    base = await openTestDatabase(kind);
    hub = await createFakeHubSigner();
    for (const system of SECTOR_SYSTEMS) {
      const db = await openSchemaDatabase(base, schemaNameOf(system.subsystem.code));
      running.set(system.planItem, await startSectorSystem({ system, db, population: SPEC, hub: { jwks: hub.jwks, issuer: hub.issuer } }));
    }
  });
  afterAll(async () => {
    for (const r of running.values()) await r.close();
    await base.close();
  });

  it('seed each own schema once, from the same population', async () => {
    for (const system of SECTOR_SYSTEMS) {
      const r = running.get(system.planItem);
      expect(r?.seeded.seeded, system.planItem).toBe(true);
      const main = Object.keys(system.tables)[0] ?? '';
      expect(r?.seeded.records[main], `${system.planItem} ${main}`).toBeGreaterThan(0);
    }
    // A restart with the same population does not seed again.
    const tax = SECTOR_SYSTEMS[8] as SectorSystem;
    const again = await startSectorSystem({ system: tax, db: await openSchemaDatabase(base, schemaNameOf(tax.subsystem.code)), population: SPEC, hub: { jwks: hub.jwks, issuer: hub.issuer } });
    expect(again.seeded.seeded).toBe(false);
    await again.close();
    // Schemas are separate: the tax schema has no insurance tables.
    const { rows } = await base.query<{ n: number }>("SELECT count(*)::int8 AS n FROM information_schema.tables WHERE table_schema = 'sector_tax' AND table_name = 'health_insurance_cards'");
    expect(rows[0]?.n).toBe(0);
  });

  it('catalogue every service with fields that cover what the NPDB side is granted', () => {
    for (const system of SECTOR_SYSTEMS) {
      const descriptors = running.get(system.planItem)?.descriptors ?? [];
      for (const e of system.exposes) {
        const d = descriptors.find((x) => x.code === e.serviceCode && x.version === e.version);
        expect(d, `${system.planItem} ${e.serviceCode}`).toBeDefined();
        for (const f of e.fields) expect(d?.fields, `${system.planItem} ${f}`).toContain(f);
        expect(d?.subject_locator, system.planItem).not.toBeNull();
        expect(d?.openapi['openapi']).toBe('3.1.0');
      }
    }
  });

  it('answer the NPDB side for a subject with only the granted fields, behind the hub guard', async () => {
    for (const system of SECTOR_SYSTEMS) {
      const subject = firstSubject(system);
      expect(subject, `${system.planItem} has a scenario subject in ${SPEC.count} people`).toBeDefined();
      if (subject === undefined) continue;
      const app = running.get(system.planItem)?.app;
      for (const call of system.inbound(subject)) {
        const grant = system.exposes.find((e) => `${e.serviceCode}/${e.version}` === call.service);
        expect(grant, `${system.planItem} ${call.service}`).toBeDefined();
        const fields = grant?.fields ?? [];
        const headers = await hub.headers({ audience: subsystemIdOf(system), consumer: 'BCA/sector-exchange', service: `${subsystemIdOf(system)}/${call.service}`, purpose: call.purpose, fields, method: call.method, target: call.path });
        const res = await app?.inject({ method: call.method, url: call.path, headers });
        expect(res?.statusCode, `${system.planItem} ${call.path}: ${res?.body}`).toBe(200);
        const body = res?.json() as Record<string, unknown>;
        // Nothing outside the granted pointers came back (`*` = every array element).
        const allowed = new Set(fields.map((f) => f.split('/')[1]));
        for (const key of Object.keys(body)) expect(allowed.has(key), `${system.planItem} returned ${key}`).toBe(true);
        const items = body['items'];
        if (Array.isArray(items)) {
          expect(items.length, system.planItem).toBeGreaterThan(0);
          const inner = new Set(fields.map((f) => f.split('/')[3]));
          for (const it of items as Record<string, unknown>[]) for (const k of Object.keys(it)) expect(inner.has(k), `${system.planItem} item ${k}`).toBe(true);
        }
        // The same call without the hub's assertion is refused.
        const direct = await app?.inject({ method: call.method, url: call.path });
        expect(direct?.json()).toMatchObject({ code: 'HUB_ASSERTION_INVALID' });
      }
    }
  });

  it('link well-formed documents for their subjects', () => {
    const seen = new Set<string>();
    for (const system of SECTOR_SYSTEMS) {
      const subject = firstSubject(system);
      if (subject === undefined) continue;
      for (const link of system.links(subject)) {
        expect(system.enriches, system.planItem).toContain(link.doc_type);
        seen.add(link.doc_type);
        const format = FORMATS[link.doc_type];
        if (format !== undefined) expect(link.number, `${system.planItem} ${link.doc_type}`).toMatch(format);
        if (link.doc_type === 'tax_code' || link.doc_type === 'enterprise_code') expect(isValidTaxCode(link.number), link.number).toBe(true);
      }
    }
    for (const t of ['social_insurance_number', 'health_insurance_card', 'tax_code', 'driving_licence', 'enterprise_code']) expect(seen).toContain(t);
  });

  it('keep the health insurance card the same in the insurance and the e-health systems', async () => {
    const cards = await base.query<{ n: number }>(
      `SELECT count(*)::int8 AS n FROM sector_health_book.health_books h
         JOIN sector_insurance.insured_persons p ON p.personal_id = h.personal_id
         JOIN sector_insurance.health_insurance_cards c ON c.social_insurance_number = p.social_insurance_number
        WHERE h.health_insurance_card = c.card_number`,
    );
    const withCard = await base.query<{ n: number }>('SELECT count(*)::int8 AS n FROM sector_health_book.health_books WHERE health_insurance_card IS NOT NULL');
    expect(withCard.rows[0]?.n).toBeGreaterThan(0);
    expect(cards.rows[0]?.n).toBe(withCard.rows[0]?.n);
  });
});
