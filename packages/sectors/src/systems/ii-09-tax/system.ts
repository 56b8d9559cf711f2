import { Type } from 'typebox';
import { NdxpError } from '@ndxp/core';
import { dateBefore, addYears } from '../../population/person-facts.ts';
import { provinceName } from '../../population/places.ts';
import { defineCodeService } from '../../runtime/define-code-service.ts';
import { NPDB_SERVICES, NPDB_USE_BASIS, VERIFY_FIELDS, verifyCall } from '../../runtime/npdb-api.ts';
import { PersonalIdParams } from '../../runtime/schemas.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const TAX_LAW = 'Luật Quản lý thuế số 38/2019/QH14';
const TAX_REGISTRATION = 'Thông tư 86/2024/TT-BTC quy định về đăng ký thuế';

/** Family deduction for the taxpayer, VND a year (Resolution 954/2020/UBTVQH14: 11 million a month). */
const SELF_DEDUCTION = 132_000_000;

/** Personal income tax on employment income, progressive schedule of the PIT Law (Art. 22), annualised. */
function incomeTax(taxable: number): number {
  const brackets: readonly [number, number][] = [[60e6, 0.05], [120e6, 0.1], [216e6, 0.15], [384e6, 0.2], [624e6, 0.25], [960e6, 0.3], [Infinity, 0.35]];
  let tax = 0;
  let lower = 0;
  for (const [upper, rate] of brackets) {
    if (taxable <= lower) break;
    tax += (Math.min(taxable, upper) - lower) * rate;
    lower = upper;
  }
  return Math.round(tax);
}

const TaxpayerResponse = Type.Object({
  tax_code: Type.String({ pattern: '^[0-9]{10}$', description: 'Mã số thuế (10 chữ số)' }),
  full_name: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('closed')]),
  tax_office: Type.String(),
  registered_on: Type.String({ format: 'date' }),
  compliance: Type.Object({
    years_settled: Type.Array(Type.Integer()),
    outstanding_vnd: Type.Integer({ description: 'Tiền thuế còn nợ' }),
    in_good_standing: Type.Boolean({ description: 'Đã hoàn thành nghĩa vụ thuế' }),
  }),
});

const taxpayerService = defineCodeService<{ personal_id: string }, { years?: number }>({
  code: 'taxpayer',
  version: 'v1',
  title: 'Tra cứu người nộp thuế và tình trạng hoàn thành nghĩa vụ thuế',
  titleEn: 'Taxpayer and tax compliance lookup',
  description: 'Mã số thuế, cơ quan thuế quản lý và tình trạng hoàn thành nghĩa vụ thuế thu nhập cá nhân của một công dân.',
  dataClass: 'private',
  legalBases: [TAX_LAW, 'Luật Thuế thu nhập cá nhân số 04/2007/QH12'],
  method: 'GET',
  path: '/v1/taxpayers/:personal_id',
  params: PersonalIdParams,
  query: Type.Object({ years: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, default: 3 })) }, { additionalProperties: false }),
  response: TaxpayerResponse,
  fields: ['/tax_code', '/full_name', '/status', '/tax_office', '/registered_on', '/compliance/years_settled', '/compliance/outstanding_vnd', '/compliance/in_good_standing'],
  subjectLocator: { in: 'path', name: 'personal_id' },
  errors: [404],
  async handler(db, { params, query }) {
    const t = await db.query<{ tax_code: string; full_name: string; status: 'active' | 'suspended' | 'closed'; tax_office: string; registered_on: string }>(
      'SELECT tax_code, full_name, status, tax_office, registered_on FROM taxpayers WHERE personal_id = $1',
      [params.personal_id],
    );
    const taxpayer = t.rows[0];
    if (taxpayer === undefined) throw new NdxpError('RECORD_NOT_FOUND', { detail: 'no taxpayer with this personal ID' });
    const s = await db.query<{ year: number; outstanding: number }>(
      `SELECT year, (tax_due_vnd - tax_paid_vnd)::int8 AS outstanding FROM tax_settlements
        WHERE tax_code = $1 ORDER BY year DESC LIMIT $2`,
      [taxpayer.tax_code, query.years ?? 3],
    );
    const outstanding = s.rows.reduce((sum, r) => sum + Math.max(0, r.outstanding), 0);
    return {
      ...taxpayer,
      compliance: { years_settled: s.rows.map((r) => r.year).sort(), outstanding_vnd: outstanding, in_good_standing: outstanding === 0 && taxpayer.status === 'active' },
    };
  },
});

/**
 * II.9 — Tax database (Cơ sở dữ liệu thuế), run by the General Department of Taxation (Tổng cục
 * Thuế) of the Ministry of Finance, whose member code it uses (`BTC/tax`).
 * Verifies taxpayers' identity against the NPDB when registering them, links their tax code to
 * the NPDB, and lets the NPDB side read tax code and compliance (e.g. for VNeID's integrated
 * documents).
 */
export const taxSystem: SectorSystem = {
  planItem: 'II.9',
  member: { code: 'BTC', name: 'Bộ Tài chính', name_en: 'Ministry of Finance' },
  subsystem: { code: 'tax', name: 'Cơ sở dữ liệu thuế (Tổng cục Thuế)', name_en: 'Tax database (General Department of Taxation)' },
  directory: new URL('./', import.meta.url),
  tables: {
    taxpayers: ['tax_code', 'personal_id', 'full_name', 'date_of_birth', 'tax_office', 'registered_on', 'status'],
    tax_settlements: ['tax_code', 'year', 'taxable_income_vnd', 'tax_due_vnd', 'tax_paid_vnd'],
  },
  derive(person, { facts, rng, asOf }): Rows {
    if (facts.taxCode === null) return {};
    const registeredOn = dateBefore(rng, asOf, 15, addYears(person.dateOfBirth, 18));
    const year = Number(asOf.slice(0, 4));
    const settlements = [];
    const earner = facts.occupation === 'employee' || facts.occupation === 'civil_servant' || facts.occupation === 'self_employed';
    for (let y = Math.max(Number(registeredOn.slice(0, 4)), year - 3); earner && y < year; y++) {
      const income = Math.round((80 + rng.int(500)) * 1e6);
      const due = incomeTax(Math.max(0, income - SELF_DEDUCTION));
      // About one settlement in twenty is not fully paid.
      const paid = rng.chance(0.05) ? Math.round(due * rng.float()) : due;
      settlements.push({ tax_code: facts.taxCode, year: y, taxable_income_vnd: income, tax_due_vnd: due, tax_paid_vnd: paid });
    }
    return {
      taxpayers: [{
        tax_code: facts.taxCode,
        personal_id: person.personalId,
        full_name: person.fullName,
        date_of_birth: person.dateOfBirth,
        tax_office: `Thuế ${provinceName(facts.province)}`,
        registered_on: registeredOn,
        status: rng.chance(0.03) ? 'suspended' : 'active',
      }],
      tax_settlements: settlements,
    };
  },
  services: [taxpayerService],
  consumes: [
    { service: NPDB_SERVICES.verify, fields: [...VERIFY_FIELDS], purposes: ['taxpayer-verification'], legalBasis: `${TAX_LAW}; ${TAX_REGISTRATION}; ${NPDB_USE_BASIS}` },
  ],
  exposes: [
    { serviceCode: 'taxpayer', version: 'v1', fields: ['/tax_code', '/status', '/tax_office', '/compliance/in_good_standing'], purposes: ['vneid-document-integration'], legalBasis: `${TAX_LAW}; Nghị định 69/2024/NĐ-CP về định danh và xác thực điện tử` },
  ],
  enriches: ['tax_code'],
  links({ rows }) {
    const t = rows['taxpayers']?.[0];
    if (t === undefined) return [];
    return [{ doc_type: 'tax_code', number: String(t['tax_code']), issued_by: 'Tổng cục Thuế', issued_on: String(t['registered_on']), expires_on: null }];
  },
  isSubject: ({ rows }) => (rows['taxpayers']?.length ?? 0) > 0 && (rows['tax_settlements']?.length ?? 0) > 0,
  outbound: ({ person }) => [verifyCall(person, 'taxpayer-verification', 'Cơ quan thuế xác thực danh tính người nộp thuế với CSDLQG về dân cư / the tax office verifies the taxpayer against the NPDB')],
  inbound: ({ person }) => [{
    service: 'taxpayer/v1',
    method: 'GET',
    path: `/v1/taxpayers/${person.personalId}`,
    purpose: 'vneid-document-integration',
    why: 'Phía CSDLQG về dân cư đọc mã số thuế để tích hợp vào VNeID / the NPDB side reads the tax code to show it in VNeID',
  }],
};
