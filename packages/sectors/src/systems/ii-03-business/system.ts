import { Type } from 'typebox';
import { hashWords } from '@ndxp/synthetic';
import { dateBefore, addYears } from '../../population/person-facts.ts';
import { makeTaxCode } from '../../population/identifiers.ts';
import { provinceName, wardName } from '../../population/places.ts';
import { defineCodeService } from '../../runtime/define-code-service.ts';
import { NPDB_SERVICES, NPDB_USE_BASIS, VERIFY_FIELDS, verifyCall } from '../../runtime/npdb-api.ts';
import { PersonalIdParams } from '../../runtime/schemas.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const ENTERPRISE_LAW = 'Luật Doanh nghiệp số 59/2020/QH14';
const TRADES = ['Thương mại', 'Xây dựng', 'Dịch vụ', 'Công nghệ', 'Sản xuất', 'Vận tải', 'Nông sản', 'Du lịch', 'Thực phẩm', 'Cơ khí'];
const BRANDS = ['Minh Phát', 'Thành Công', 'Hưng Thịnh', 'An Khang', 'Phú Quý', 'Đại Việt', 'Tân Tiến', 'Hoàng Long', 'Sao Mai', 'Bình Minh', 'Trường Sơn', 'Hòa Bình', 'Thịnh Vượng', 'Việt Á'];
const FORMS = [['single_member_llc', 'Công ty TNHH'], ['multi_member_llc', 'Công ty TNHH'], ['joint_stock', 'Công ty Cổ phần'], ['private_enterprise', 'Doanh nghiệp tư nhân']] as const;

const RepresentedResponse = Type.Object({
  items: Type.Array(Type.Object({
    enterprise_code: Type.String({ pattern: '^[0-9]{10}$', description: 'Mã số doanh nghiệp' }),
    name: Type.String(),
    legal_form: Type.String(),
    status: Type.String(),
    registered_on: Type.String({ format: 'date' }),
    position: Type.String({ description: 'Chức danh của người đại diện theo pháp luật' }),
  })),
});

const representedService = defineCodeService<{ personal_id: string }>({
  code: 'represented-enterprises',
  version: 'v1',
  title: 'Doanh nghiệp do công dân làm người đại diện theo pháp luật',
  titleEn: 'Enterprises a citizen legally represents',
  description: 'Các doanh nghiệp mà một công dân là người đại diện theo pháp luật, với mã số doanh nghiệp, loại hình và tình trạng.',
  dataClass: 'shared',
  legalBases: [ENTERPRISE_LAW],
  method: 'GET',
  path: '/v1/representatives/:personal_id/enterprises',
  params: PersonalIdParams,
  response: RepresentedResponse,
  fields: ['/items/*/enterprise_code', '/items/*/name', '/items/*/legal_form', '/items/*/status', '/items/*/registered_on', '/items/*/position'],
  subjectLocator: { in: 'path', name: 'personal_id' },
  async handler(db, { params }) {
    const { rows } = await db.query(
      `SELECT e.enterprise_code, e.name, e.legal_form, e.status, e.registered_on, r.position
         FROM legal_representatives r JOIN enterprises e ON e.enterprise_code = r.enterprise_code
        WHERE r.personal_id = $1 ORDER BY e.registered_on`,
      [params.personal_id],
    );
    return { items: rows };
  },
});

/**
 * II.3 — National business registration database, Business Registration Management Agency
 * (Cục Quản lý đăng ký kinh doanh). Verifies a founder's or legal representative's identity
 * against the NPDB when registering an enterprise, links the enterprise code to the
 * representative in the NPDB, and tells the NPDB side which enterprises a person represents.
 */
export const businessSystem: SectorSystem = {
  planItem: 'II.3',
  member: { code: 'DKKD', name: 'Cục Quản lý đăng ký kinh doanh', name_en: 'Business Registration Management Agency' },
  subsystem: { code: 'business-registry', name: 'Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp', name_en: 'National business registration database' },
  directory: new URL('./', import.meta.url),
  tables: {
    enterprises: ['enterprise_code', 'name', 'legal_form', 'registered_on', 'status', 'province_code', 'head_office', 'charter_capital_vnd'],
    legal_representatives: ['enterprise_code', 'personal_id', 'full_name', 'position'],
  },
  derive(person, { facts, rng, asOf, seed, ordinal }): Rows {
    if (!facts.businessOwner) return {};
    const [form, prefix] = rng.pick(FORMS);
    const name = `${prefix} ${rng.pick(TRADES)} ${rng.pick(BRANDS)} ${person.givenName}`;
    // Keyed apart from personal tax codes; unique across enterprises by the owner's position.
    const code = makeTaxCode(ordinal, hashWords(seed, 'enterprise-code'), facts.province);
    const ward = person.currentResidence.wardCode;
    return {
      enterprises: [{
        enterprise_code: code,
        name,
        legal_form: form,
        registered_on: dateBefore(rng, asOf, 12, addYears(person.dateOfBirth, 22)),
        status: rng.chance(0.9) ? 'operating' : rng.chance(0.5) ? 'suspended' : 'dissolved',
        province_code: facts.province,
        head_office: `${person.currentResidence.line}, ${wardName(ward)}, ${provinceName(facts.province)}`,
        charter_capital_vnd: (1 + rng.int(50)) * 100_000_000,
      }],
      legal_representatives: [{ enterprise_code: code, personal_id: person.personalId, full_name: person.fullName, position: form === 'joint_stock' ? 'Tổng Giám đốc' : form === 'private_enterprise' ? 'Chủ doanh nghiệp' : 'Giám đốc' }],
    };
  },
  services: [representedService],
  consumes: [{ service: NPDB_SERVICES.verify, fields: [...VERIFY_FIELDS], purposes: ['business-registration'], legalBasis: `${ENTERPRISE_LAW}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'represented-enterprises', version: 'v1', fields: ['/items/*/enterprise_code', '/items/*/name', '/items/*/status', '/items/*/position'], purposes: ['identity-assurance'], legalBasis: `${ENTERPRISE_LAW}; Luật Căn cước số 26/2023/QH15` }],
  enriches: ['enterprise_code'],
  links: ({ rows }) => (rows['enterprises'] ?? []).slice(0, 1).map((e) => ({ doc_type: 'enterprise_code', number: String(e['enterprise_code']), issued_by: 'Cục Quản lý đăng ký kinh doanh', issued_on: String(e['registered_on']), expires_on: null })),
  isSubject: ({ rows }) => (rows['enterprises']?.length ?? 0) > 0,
  outbound: ({ person }) => [verifyCall(person, 'business-registration', 'Cơ quan đăng ký kinh doanh xác thực người đại diện theo pháp luật với CSDLQG về dân cư / the business registry verifies the legal representative against the NPDB')],
  inbound: ({ person }) => [{
    service: 'represented-enterprises/v1',
    method: 'GET',
    path: `/v1/representatives/${person.personalId}/enterprises`,
    purpose: 'identity-assurance',
    why: 'Phía CSDLQG về dân cư tra các doanh nghiệp công dân làm người đại diện / the NPDB side lists the enterprises the citizen represents',
  }],
};
