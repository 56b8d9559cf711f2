import { dateBefore, addYears } from '../../population/person-facts.ts';
import { provinceName } from '../../population/places.ts';
import { inboundGet, NPDB_SERVICES, NPDB_USE_BASIS, VERIFY_FIELDS, verifyCall } from '../../runtime/npdb-api.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const BUDGET_LAW = 'Luật Ngân sách nhà nước số 83/2015/QH13';
const KINDS = [['registration_fee', 500_000, 50_000_000], ['administrative_fine', 200_000, 10_000_000], ['land_use_levy', 20_000_000, 800_000_000], ['public_service_fee', 20_000, 2_000_000]] as const;

/**
 * II.5 — National finance database, Ministry of Finance (Bộ Tài chính). Its service is a
 * declarative adapter configuration (services/budget-receipts.yaml). Verifies payers against the
 * NPDB, and shows the NPDB side what a person paid into the state budget.
 */
export const financeSystem: SectorSystem = {
  planItem: 'II.5',
  member: { code: 'BTC', name: 'Bộ Tài chính', name_en: 'Ministry of Finance' },
  subsystem: { code: 'finance', name: 'Cơ sở dữ liệu quốc gia về tài chính', name_en: 'National finance database' },
  directory: new URL('./', import.meta.url),
  tables: { budget_receipts: ['receipt_no', 'payer_personal_id', 'payer_name', 'paid_on', 'amount_vnd', 'revenue_type', 'treasury_office'] },
  derive(person, { facts, rng, asOf }): Rows {
    if (!facts.alive || facts.age < 18 || !rng.chance(0.3)) return {};
    const n = 1 + rng.int(3);
    const receipts = [];
    for (let i = 0; i < n; i++) {
      const [kind, min, max] = rng.pick(KINDS);
      const paidOn = dateBefore(rng, asOf, 5, addYears(person.dateOfBirth, 18));
      receipts.push({
        receipt_no: `${paidOn.slice(0, 4)}-${person.personalId}-${i + 1}`,
        payer_personal_id: person.personalId,
        payer_name: person.fullName,
        paid_on: paidOn,
        amount_vnd: Math.round((min + rng.float() * (max - min)) / 1000) * 1000,
        revenue_type: kind,
        treasury_office: `Kho bạc Nhà nước khu vực ${provinceName(facts.province)}`,
      });
    }
    return { budget_receipts: receipts };
  },
  services: [{ kind: 'adapter', file: new URL('./services/budget-receipts.yaml', import.meta.url) }],
  consumes: [{ service: NPDB_SERVICES.verify, fields: [...VERIFY_FIELDS], purposes: ['budget-payer-verification'], legalBasis: `${BUDGET_LAW}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'budget-receipts', version: 'v1', fields: ['/items/*/receipt_no', '/items/*/paid_on', '/items/*/amount_vnd', '/items/*/revenue_type'], purposes: ['public-service-processing'], legalBasis: `${BUDGET_LAW}; Nghị định 47/2020/NĐ-CP về quản lý, kết nối và chia sẻ dữ liệu số` }],
  enriches: [],
  links: () => [],
  isSubject: ({ rows }) => (rows['budget_receipts']?.length ?? 0) > 0,
  outbound: ({ person }) => [verifyCall(person, 'budget-payer-verification', 'Kho bạc xác thực người nộp ngân sách với CSDLQG về dân cư / the Treasury verifies the payer against the NPDB')],
  inbound: ({ person }) => [inboundGet('budget-receipts/v1', `/v1/payers/${person.personalId}/receipts`, 'public-service-processing', 'Phía CSDLQG về dân cư kiểm tra nghĩa vụ nộp ngân sách của công dân khi giải quyết thủ tục / the NPDB side checks budget payments during a procedure')],
};
