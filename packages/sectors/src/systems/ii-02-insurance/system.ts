import { Type } from 'typebox';
import { NdxpError } from '@ndxp/core';
import { dateBefore, addYears } from '../../population/person-facts.ts';
import { provinceName } from '../../population/places.ts';
import { defineCodeService } from '../../runtime/define-code-service.ts';
import { lookupCall, NPDB_SERVICES, NPDB_USE_BASIS } from '../../runtime/npdb-api.ts';
import { DateSchema, PersonalIdParams } from '../../runtime/schemas.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const SI_LAW = 'Luật Bảo hiểm xã hội số 41/2024/QH15';
const HI_LAW = 'Luật Bảo hiểm y tế số 25/2008/QH12, sửa đổi bởi Luật số 51/2024/QH15';

const CardResponse = Type.Object({
  social_insurance_number: Type.String({ pattern: '^[0-9]{10}$', description: 'Mã số BHXH' }),
  card: Type.Object({
    number: Type.String({ description: 'Mã thẻ BHYT (15 ký tự)' }),
    group: Type.String({ description: 'Mã đối tượng' }),
    benefit_level: Type.Integer({ minimum: 1, maximum: 5 }),
    valid_from: Type.String({ format: 'date' }),
    valid_to: Type.String({ format: 'date' }),
    primary_care_facility: Type.String({ description: 'Nơi đăng ký khám chữa bệnh ban đầu' }),
  }),
  valid_on: Type.Object({ date: Type.String({ format: 'date' }), valid: Type.Boolean() }),
});

const cardService = defineCodeService<{ personal_id: string }, { on?: string }>({
  code: 'health-insurance-card',
  version: 'v1',
  title: 'Tra cứu thẻ bảo hiểm y tế và kiểm tra giá trị sử dụng',
  titleEn: 'Health insurance card lookup and validity check',
  description: 'Mã số BHXH và thẻ BHYT mới nhất của một công dân; thẻ có giá trị sử dụng vào ngày hỏi (mặc định hôm nay) hay không.',
  dataClass: 'private',
  legalBases: [HI_LAW, SI_LAW],
  method: 'GET',
  path: '/v1/insured/:personal_id/health-insurance-card',
  params: PersonalIdParams,
  query: Type.Object({ on: Type.Optional(DateSchema) }, { additionalProperties: false }),
  response: CardResponse,
  fields: ['/social_insurance_number', '/card/number', '/card/group', '/card/benefit_level', '/card/valid_from', '/card/valid_to', '/card/primary_care_facility', '/valid_on/date', '/valid_on/valid'],
  subjectLocator: { in: 'path', name: 'personal_id' },
  errors: [404],
  async handler(db, { params, query, clock }) {
    const { rows } = await db.query<{ social_insurance_number: string; card_number: string; group_code: string; benefit_level: number; valid_from: string; valid_to: string; primary_care_facility: string }>(
      `SELECT p.social_insurance_number, c.card_number, c.group_code, c.benefit_level, c.valid_from, c.valid_to, c.primary_care_facility
         FROM insured_persons p JOIN health_insurance_cards c ON c.social_insurance_number = p.social_insurance_number
        WHERE p.personal_id = $1 ORDER BY c.valid_to DESC LIMIT 1`,
      [params.personal_id],
    );
    const r = rows[0];
    if (r === undefined) throw new NdxpError('RECORD_NOT_FOUND', { detail: 'no health insurance card for this personal ID' });
    // The day asked about, in Vietnam time (UTC+7) when not given.
    const on = query.on ?? new Date(clock.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
    return {
      social_insurance_number: r.social_insurance_number,
      card: { number: r.card_number, group: r.group_code, benefit_level: r.benefit_level, valid_from: r.valid_from, valid_to: r.valid_to, primary_care_facility: r.primary_care_facility },
      valid_on: { date: on, valid: r.valid_from <= on && on <= r.valid_to },
    };
  },
});

/**
 * II.2 — National insurance database, Vietnam Social Security (Bảo hiểm xã hội Việt Nam).
 * Reconciles insured people's identity with the NPDB, links the social insurance number and the
 * health insurance card to the NPDB (VNeID shows the card), and answers card validity checks.
 */
export const insuranceSystem: SectorSystem = {
  planItem: 'II.2',
  member: { code: 'BHXH', name: 'Bảo hiểm xã hội Việt Nam', name_en: 'Vietnam Social Security' },
  subsystem: { code: 'insurance', name: 'Cơ sở dữ liệu quốc gia về bảo hiểm', name_en: 'National insurance database' },
  directory: new URL('./', import.meta.url),
  tables: {
    insured_persons: ['social_insurance_number', 'personal_id', 'full_name', 'date_of_birth', 'gender', 'province_code'],
    health_insurance_cards: ['card_number', 'social_insurance_number', 'group_code', 'benefit_level', 'valid_from', 'valid_to', 'primary_care_facility'],
    contribution_periods: ['social_insurance_number', 'employer_tax_code', 'from_month', 'to_month'],
  },
  derive(person, { facts, rng, asOf }): Rows {
    const hi = facts.healthInsurance;
    const sin = facts.socialInsuranceNumber;
    if (hi === null || sin === null) return {};
    const facility = `${rng.pick(['Trạm Y tế', 'Trung tâm Y tế', 'Bệnh viện Đa khoa'])} ${provinceName(facts.province)}`;
    const periods = [];
    if (facts.employerTaxCode !== null) {
      const from = dateBefore(rng, asOf, 10, addYears(person.dateOfBirth, 18));
      periods.push({ social_insurance_number: sin, employer_tax_code: facts.employerTaxCode, from_month: `${from.slice(0, 7)}-01`, to_month: null });
    }
    return {
      insured_persons: [{ social_insurance_number: sin, personal_id: person.personalId, full_name: person.fullName, date_of_birth: person.dateOfBirth, gender: person.gender, province_code: facts.province }],
      health_insurance_cards: [{ card_number: hi.card, social_insurance_number: sin, group_code: hi.group, benefit_level: hi.level, valid_from: hi.validFrom, valid_to: hi.validTo, primary_care_facility: facility }],
      contribution_periods: periods,
    };
  },
  services: [cardService],
  consumes: [{ service: NPDB_SERVICES.lookup, fields: ['/full_name', '/date_of_birth', '/gender'], purposes: ['insured-record-reconciliation'], legalBasis: `${SI_LAW}; ${HI_LAW}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'health-insurance-card', version: 'v1', fields: ['/social_insurance_number', '/card/number', '/card/valid_from', '/card/valid_to', '/valid_on/valid'], purposes: ['vneid-document-integration'], legalBasis: `${HI_LAW}; Nghị định 69/2024/NĐ-CP về định danh và xác thực điện tử` }],
  enriches: ['social_insurance_number', 'health_insurance_card'],
  links({ rows }) {
    const card = rows['health_insurance_cards']?.[0];
    if (card === undefined) return [];
    return [
      { doc_type: 'social_insurance_number', number: String(card['social_insurance_number']), issued_by: 'Bảo hiểm xã hội Việt Nam', issued_on: null, expires_on: null },
      { doc_type: 'health_insurance_card', number: String(card['card_number']), issued_by: 'Bảo hiểm xã hội Việt Nam', issued_on: String(card['valid_from']), expires_on: String(card['valid_to']) },
    ];
  },
  isSubject: ({ rows, facts }) => (rows['health_insurance_cards']?.length ?? 0) > 0 && facts.employerTaxCode !== null,
  outbound: ({ person }) => [lookupCall(person.personalId, ['/full_name', '/date_of_birth', '/gender'], 'insured-record-reconciliation', 'BHXH đối chiếu họ tên, ngày sinh, giới tính của người tham gia với CSDLQG về dân cư / Social Security reconciles the insured person with the NPDB')],
  inbound: ({ person }) => [{
    service: 'health-insurance-card/v1',
    method: 'GET',
    path: `/v1/insured/${person.personalId}/health-insurance-card`,
    purpose: 'vneid-document-integration',
    why: 'Phía CSDLQG về dân cư đọc thẻ BHYT để tích hợp vào VNeID / the NPDB side reads the health insurance card to show it in VNeID',
  }],
};
