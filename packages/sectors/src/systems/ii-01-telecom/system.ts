import { Type } from 'typebox';
import { daysFromIso, isoFromDays, type SyntheticPerson } from '@ndxp/synthetic';
import { dateBefore, addYears } from '../../population/person-facts.ts';
import { defineCodeService } from '../../runtime/define-code-service.ts';
import { NPDB_SERVICES, NPDB_USE_BASIS, VERIFY_FIELDS, verifyCall } from '../../runtime/npdb-api.ts';
import { PersonalIdSchema } from '../../runtime/schemas.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const TELECOM_LAW = 'Luật Viễn thông số 24/2023/QH15; Nghị định 163/2024/NĐ-CP (thông tin thuê bao viễn thông)';

/** Network operator by the 3-digit prefix of a mobile number (the numbering plan after the 2018 change to 10 digits). */
const CARRIERS: readonly [RegExp, string][] = [
  [/^0(3[2-9]|86|9[678])/, 'Viettel'],
  [/^0(8[1-58]|9[14])/, 'VinaPhone'],
  [/^0(7[06-9]|89|9[03])/, 'MobiFone'],
  [/^0(5[268]|92)/, 'Vietnamobile'],
  [/^0(59|99)/, 'Gmobile'],
];
const carrierOf = (msisdn: string): string => CARRIERS.find(([re]) => re.test(msisdn))?.[1] ?? 'Viettel';

/** Strip Vietnamese diacritics, the commonest registration error at the point of sale. */
const withoutDiacritics = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

const SubscriptionsResponse = Type.Object({
  items: Type.Array(Type.Object({
    msisdn: Type.String({ pattern: '^0[0-9]{9}$' }),
    carrier: Type.String(),
    subscription_type: Type.String(),
    activated_on: Type.String({ format: 'date' }),
    status: Type.String(),
  })),
});

const subscriptionsService = defineCodeService<Record<string, never>, { personal_id: string }>({
  code: 'subscriptions',
  version: 'v1',
  title: 'Danh sách thuê bao di động đăng ký theo số định danh cá nhân',
  titleEn: 'Mobile subscriptions registered to a personal ID',
  description: 'Các số thuê bao di động mà một công dân đã đăng ký, với nhà mạng, loại thuê bao và trạng thái.',
  dataClass: 'private',
  legalBases: [TELECOM_LAW],
  method: 'GET',
  path: '/v1/subscriptions',
  query: Type.Object({ personal_id: PersonalIdSchema }, { additionalProperties: false }),
  response: SubscriptionsResponse,
  fields: ['/items/*/msisdn', '/items/*/carrier', '/items/*/subscription_type', '/items/*/activated_on', '/items/*/status'],
  subjectLocator: { in: 'query', name: 'personal_id' },
  async handler(db, { query }) {
    const { rows } = await db.query('SELECT msisdn, carrier, subscription_type, activated_on, status FROM subscriptions WHERE personal_id = $1 ORDER BY activated_on', [query.personal_id]);
    return { items: rows };
  },
});

function subscription(person: SyntheticPerson, n: number, msisdn: string, activatedOn: string, faulty: 'name' | 'dob' | null, postpaid: boolean) {
  const dob = faulty === 'dob' ? isoFromDays(daysFromIso(person.dateOfBirth) + 31) : person.dateOfBirth;
  return {
    subscription_id: `${person.personalId}-${n}`,
    msisdn,
    carrier: carrierOf(msisdn),
    subscription_type: postpaid ? 'postpaid' : 'prepaid',
    personal_id: person.personalId,
    registered_name: faulty === 'name' ? withoutDiacritics(person.fullName).toUpperCase() : person.fullName,
    registered_dob: dob,
    activated_on: activatedOn,
    status: faulty === null ? 'active' : 'suspended_one_way',
  };
}

/**
 * II.1 — Telecom subscriber database, Vietnam Telecommunications Authority (Cục Viễn thông).
 * Verifies every subscription's registered identity against the NPDB (ID, name, date of birth),
 * links the subscriber's number to the NPDB, and answers the NPDB side with the numbers a person
 * holds.
 */
export const telecomSystem: SectorSystem = {
  planItem: 'II.1',
  member: { code: 'CVT', name: 'Cục Viễn thông', name_en: 'Vietnam Telecommunications Authority' },
  subsystem: { code: 'subscribers', name: 'Cơ sở dữ liệu thông tin thuê bao di động', name_en: 'Mobile subscriber information database' },
  directory: new URL('./', import.meta.url),
  tables: { subscriptions: ['subscription_id', 'msisdn', 'carrier', 'subscription_type', 'personal_id', 'registered_name', 'registered_dob', 'activated_on', 'status'] },
  derive(person, { facts, rng, asOf }): Rows {
    if (!facts.alive || facts.age < 15 || person.phone === null) return {};
    // About 4% of subscriptions were registered with wrong data (the cleansing campaign's order of magnitude).
    const fault = (): 'name' | 'dob' | null => (rng.chance(0.04) ? (rng.chance(0.5) ? 'name' : 'dob') : null);
    const since = addYears(person.dateOfBirth, 15);
    const subs = [subscription(person, 1, person.phone, dateBefore(rng, asOf, 12, since), fault(), rng.chance(0.15))];
    if (rng.chance(0.12)) {
      const second = `0${rng.pick(['86', '91', '90', '70', '38', '88'])}${String(rng.int(10_000_000)).padStart(7, '0')}`;
      subs.push(subscription(person, 2, second, dateBefore(rng, asOf, 5, since), fault(), false));
    }
    return { subscriptions: subs };
  },
  services: [subscriptionsService],
  consumes: [{ service: NPDB_SERVICES.verify, fields: [...VERIFY_FIELDS], purposes: ['subscriber-verification'], legalBasis: `${TELECOM_LAW}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'subscriptions', version: 'v1', fields: ['/items/*/msisdn', '/items/*/carrier', '/items/*/status'], purposes: ['identity-assurance'], legalBasis: `${TELECOM_LAW}; Luật Căn cước số 26/2023/QH15` }],
  enriches: ['phone_subscription'],
  links: ({ rows }) => {
    const main = rows['subscriptions']?.[0];
    return main === undefined ? [] : [{ doc_type: 'phone_subscription', number: String(main['msisdn']), issued_by: String(main['carrier']), issued_on: String(main['activated_on']), expires_on: null }];
  },
  isSubject: ({ rows }) => (rows['subscriptions']?.length ?? 0) > 0,
  outbound: ({ person, rows }) => (rows['subscriptions'] ?? []).map((s, i) => verifyCall(
    { personalId: person.personalId, fullName: String(s['registered_name']), dateOfBirth: String(s['registered_dob']) },
    'subscriber-verification',
    `Nhà mạng ${String(s['carrier'])} đối soát thông tin đăng ký của thuê bao thứ ${i + 1} (số định danh, họ tên, ngày sinh) với CSDLQG về dân cư / the operator checks subscription ${i + 1} (ID, name, date of birth) against the NPDB`,
  )),
  inbound: ({ person }) => [{
    service: 'subscriptions/v1',
    method: 'GET',
    path: `/v1/subscriptions?personal_id=${person.personalId}`,
    purpose: 'identity-assurance',
    why: 'Phía CSDLQG về dân cư tra các số thuê bao đứng tên công dân / the NPDB side lists the numbers registered to the citizen',
  }],
};
