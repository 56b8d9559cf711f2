import { hashWords } from '@ndxp/synthetic';
import { dateBefore } from '../../population/person-facts.ts';
import { makeLandCertificateSerial, permuteDigits } from '../../population/identifiers.ts';
import { provinceName, wardName } from '../../population/places.ts';
import { inboundGet, lookupCall, NPDB_SERVICES, NPDB_USE_BASIS } from '../../runtime/npdb-api.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const LAND_LAW = 'Luật Đất đai số 31/2024/QH15';

/**
 * II.4 — National land database, land administration of the Ministry of Natural Resources and
 * Environment (Bộ Tài nguyên và Môi trường). Its service is a declarative adapter configuration
 * (services/land-certificates.yaml). Reads the holder's name and permanent residence from the NPDB
 * when registering land, and links certificates to the holder in the NPDB.
 */
export const landSystem: SectorSystem = {
  planItem: 'II.4',
  member: { code: 'BTNMT', name: 'Bộ Tài nguyên và Môi trường', name_en: 'Ministry of Natural Resources and Environment' },
  subsystem: { code: 'land-registry', name: 'Cơ sở dữ liệu quốc gia về đất đai', name_en: 'National land database' },
  directory: new URL('./', import.meta.url),
  tables: {
    land_parcels: ['parcel_id', 'ward_code', 'map_sheet', 'parcel_number', 'area_m2', 'land_use_purpose', 'use_term'],
    land_certificates: ['certificate_serial', 'parcel_id', 'holder_personal_id', 'holder_name', 'issued_on', 'issued_by', 'registration_book_no'],
  },
  derive(person, { facts, rng, asOf, seed, ordinal }): Rows {
    if (!facts.alive || person.relationshipToHead !== 'head' || !rng.chance(0.7)) return {};
    const ward = person.permanentResidence.wardCode;
    const urban = wardName(ward).startsWith('Phường');
    const parcels: Record<string, string | number>[] = [];
    const certificates: Record<string, string>[] = [];
    const office = `Văn phòng Đăng ký đất đai ${provinceName(person.permanentResidence.provinceCode)}`;
    const plots: [string, number, string][] = [[urban ? 'ODT' : 'ONT', urban ? 40 + rng.int(160) : 150 + rng.int(450), 'Lâu dài']];
    if (facts.occupation === 'farmer') plots.push([rng.chance(0.6) ? 'LUC' : 'CLN', 500 + rng.int(4500), 'Đến ngày 15/10/2063']);
    plots.forEach(([purpose, area, term], i) => {
      const n = permuteDigits(ordinal * 2 + i, 7, hashWords(seed, 'parcel'));
      const parcelId = `${ward}-${Number(n.slice(0, 2)) + 1}-${Number(n.slice(2)) + 1}`;
      parcels.push({ parcel_id: parcelId, ward_code: ward, map_sheet: Number(n.slice(0, 2)) + 1, parcel_number: Number(n.slice(2)) + 1, area_m2: area, land_use_purpose: purpose, use_term: term });
      certificates.push({
        certificate_serial: makeLandCertificateSerial(ordinal * 2 + i, hashWords(seed, 'land-certificate')),
        parcel_id: parcelId,
        holder_personal_id: person.personalId,
        holder_name: person.fullName,
        issued_on: dateBefore(rng, asOf, 20),
        issued_by: office,
        registration_book_no: `CS ${String(1 + rng.int(9999)).padStart(5, '0')}`,
      });
    });
    return { land_parcels: parcels, land_certificates: certificates };
  },
  services: [{ kind: 'adapter', file: new URL('./services/land-certificates.yaml', import.meta.url) }],
  consumes: [{ service: NPDB_SERVICES.lookup, fields: ['/full_name', '/permanent_residence'], purposes: ['land-registration'], legalBasis: `${LAND_LAW}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'land-certificates', version: 'v1', fields: ['/items/*/certificate_serial', '/items/*/issued_on', '/items/*/parcel/id', '/items/*/parcel/area_m2', '/items/*/parcel/land_use_purpose'], purposes: ['vneid-document-integration'], legalBasis: `${LAND_LAW}; Nghị định 69/2024/NĐ-CP về định danh và xác thực điện tử` }],
  enriches: ['land_use_certificate'],
  links: ({ rows }) => (rows['land_certificates'] ?? []).slice(0, 1).map((c) => ({ doc_type: 'land_use_certificate', number: String(c['certificate_serial']), issued_by: String(c['issued_by']), issued_on: String(c['issued_on']), expires_on: null })),
  isSubject: ({ rows }) => (rows['land_certificates']?.length ?? 0) > 0,
  outbound: ({ person }) => [lookupCall(person.personalId, ['/full_name', '/permanent_residence'], 'land-registration', 'Văn phòng đăng ký đất đai đọc họ tên, nơi thường trú của người sử dụng đất / the land office reads the land user\'s name and permanent residence')],
  inbound: ({ person }) => [inboundGet('land-certificates/v1', `/v1/holders/${person.personalId}/certificates`, 'vneid-document-integration', 'Phía CSDLQG về dân cư đọc giấy chứng nhận quyền sử dụng đất / the NPDB side reads the land use certificates')],
};
