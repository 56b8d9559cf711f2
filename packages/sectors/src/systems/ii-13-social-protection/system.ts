import { dateBefore, addYears } from '../../population/person-facts.ts';
import { inboundGet, lookupCall, NPDB_SERVICES, NPDB_USE_BASIS } from '../../runtime/npdb-api.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const ASSISTANCE_DECREE = 'Nghị định 20/2021/NĐ-CP quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội';
/** Base social assistance level from 1 Jul 2024 (Decree 76/2024/NĐ-CP): 500,000 VND a month. */
const BASE_LEVEL = 500_000;

/**
 * II.13 — Social security (welfare) database, Ministry of Labour, Invalids and Social Affairs
 * (Bộ Lao động - Thương binh và Xã hội). Its service is a declarative adapter configuration
 * (services/social-assistance.yaml). Checks beneficiaries against the NPDB (identity, and date of
 * death so payments stop), and links the beneficiary code to the NPDB.
 */
export const socialProtectionSystem: SectorSystem = {
  planItem: 'II.13',
  member: { code: 'BLDTBXH', name: 'Bộ Lao động - Thương binh và Xã hội', name_en: 'Ministry of Labour, Invalids and Social Affairs' },
  subsystem: { code: 'social-protection', name: 'Cơ sở dữ liệu an sinh xã hội', name_en: 'Social security (welfare) database' },
  directory: new URL('./', import.meta.url),
  tables: { beneficiaries: ['beneficiary_code', 'personal_id', 'full_name', 'category', 'monthly_allowance_vnd', 'since', 'status', 'paying_ward'] },
  derive(person, { facts, rng, asOf }): Rows {
    if (!facts.alive) return {};
    const rows: Record<string, string | number>[] = [];
    const add = (category: string, coefficient: number, since: string) => rows.push({
      beneficiary_code: `TGXH-${person.personalId}-${rows.length + 1}`,
      personal_id: person.personalId,
      full_name: person.fullName,
      category,
      monthly_allowance_vnd: Math.round(BASE_LEVEL * coefficient),
      since,
      status: 'receiving',
      paying_ward: person.permanentResidence.wardCode,
    });
    // Social pension from 80 (Decree 20/2021 Art. 5; coefficient 1.0).
    if (facts.age >= 80) add('social_pension_80_plus', 1, addYears(person.dateOfBirth, 80));
    if (rng.chance(0.02)) add('disability', rng.chance(0.3) ? 2.5 : 2, dateBefore(rng, asOf, 10, person.dateOfBirth));
    if (facts.healthInsurance?.group === 'HN' && facts.age >= 16) add('poor_household', 1.5, dateBefore(rng, asOf, 5));
    if (facts.age >= 65 && rng.chance(0.03)) add('meritorious_person', 5, dateBefore(rng, asOf, 30, addYears(person.dateOfBirth, 18)));
    return { beneficiaries: rows };
  },
  services: [{ kind: 'adapter', file: new URL('./services/social-assistance.yaml', import.meta.url) }],
  consumes: [{ service: NPDB_SERVICES.lookup, fields: ['/full_name', '/date_of_birth', '/date_of_death', '/permanent_residence'], purposes: ['social-assistance-eligibility'], legalBasis: `${ASSISTANCE_DECREE}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'social-assistance', version: 'v1', fields: ['/items/*/beneficiary_code', '/items/*/category', '/items/*/since', '/items/*/status'], purposes: ['vneid-document-integration'], legalBasis: `${ASSISTANCE_DECREE}; Nghị định 69/2024/NĐ-CP về định danh và xác thực điện tử` }],
  enriches: ['social_assistance'],
  links: ({ rows }) => (rows['beneficiaries'] ?? []).slice(0, 1).map((b) => ({ doc_type: 'social_assistance', number: String(b['beneficiary_code']), issued_by: 'Bộ Lao động - Thương binh và Xã hội', issued_on: String(b['since']), expires_on: null })),
  isSubject: ({ rows }) => (rows['beneficiaries']?.length ?? 0) > 0,
  outbound: ({ person }) => [lookupCall(person.personalId, ['/full_name', '/date_of_birth', '/date_of_death', '/permanent_residence'], 'social-assistance-eligibility', 'Cơ quan lao động - xã hội kiểm tra nhân thân, nơi thường trú và tình trạng còn sống của người hưởng / the welfare office checks identity, residence and that the beneficiary is alive')],
  inbound: ({ person }) => [inboundGet('social-assistance/v1', `/v1/beneficiaries/${person.personalId}`, 'vneid-document-integration', 'Phía CSDLQG về dân cư đọc chế độ an sinh xã hội để hiển thị trên VNeID / the NPDB side reads the allowances to show them in VNeID')],
};
