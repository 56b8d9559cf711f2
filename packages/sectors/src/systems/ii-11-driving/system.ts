import { Type } from 'typebox';
import { NdxpError } from '@ndxp/core';
import { hashWords } from '@ndxp/synthetic';
import { dateBefore, addYears } from '../../population/person-facts.ts';
import { makeDrivingLicenceNumber, makePlate } from '../../population/identifiers.ts';
import { provinceName } from '../../population/places.ts';
import { defineCodeService } from '../../runtime/define-code-service.ts';
import { inboundGet, NPDB_SERVICES, NPDB_USE_BASIS, VERIFY_FIELDS, verifyCall } from '../../runtime/npdb-api.ts';
import { NullableDate, PersonalIdParams } from '../../runtime/schemas.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const TRAFFIC_LAW = 'Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15';
const ROAD_LAW = 'Luật Đường bộ số 35/2024/QH15';
const BRANDS = ['Toyota Vios', 'Hyundai Accent', 'Kia Morning', 'VinFast VF 5', 'Mazda 3', 'Honda City', 'Ford Ranger', 'Mitsubishi Xpander'];

/** First two digits of car plates by 2025 province, for the largest cities (Circular 24/2023/TT-BCA annex); others use the province code. */
const PLATE_SERIES: Readonly<Record<string, string>> = { '01': '30', '79': '51', '31': '15', '48': '43', '92': '65' };

const DriverResponse = Type.Object({
  licence: Type.Object({
    number: Type.String({ pattern: '^[0-9]{12}$', description: 'Số giấy phép lái xe' }),
    classes: Type.Array(Type.String()),
    issued_on: Type.String({ format: 'date' }),
    expires_on: NullableDate,
    points: Type.Integer({ minimum: 0, maximum: 12, description: 'Điểm giấy phép lái xe còn lại' }),
    valid_now: Type.Boolean(),
  }),
  vehicles: Type.Array(Type.Object({
    plate: Type.String(),
    kind: Type.String(),
    brand: Type.String(),
    inspection_valid_until: NullableDate,
    inspection_valid_now: Type.Boolean(),
  })),
});

const driverService = defineCodeService<{ personal_id: string }>({
  code: 'driver-record',
  version: 'v1',
  title: 'Giấy phép lái xe, điểm giấy phép và phương tiện kèm hạn đăng kiểm',
  titleEn: 'Driving licence, licence points and vehicles with inspection validity',
  description: 'Giấy phép lái xe của một công dân (hạng, hạn, điểm còn lại) và các xe đứng tên với hạn kiểm định; hiệu lực tính theo ngày hiện tại.',
  dataClass: 'private',
  legalBases: [TRAFFIC_LAW, ROAD_LAW],
  method: 'GET',
  path: '/v1/drivers/:personal_id',
  params: PersonalIdParams,
  response: DriverResponse,
  fields: ['/licence/number', '/licence/classes', '/licence/issued_on', '/licence/expires_on', '/licence/points', '/licence/valid_now', '/vehicles/*/plate', '/vehicles/*/kind', '/vehicles/*/brand', '/vehicles/*/inspection_valid_until', '/vehicles/*/inspection_valid_now'],
  subjectLocator: { in: 'path', name: 'personal_id' },
  errors: [404],
  async handler(db, { params, clock }) {
    const today = new Date(clock.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
    const l = await db.query<{ licence_number: string; classes: string; issued_on: string; expires_on: string | null; points: number }>(
      'SELECT licence_number, classes, issued_on, expires_on, points FROM driving_licences WHERE personal_id = $1',
      [params.personal_id],
    );
    const licence = l.rows[0];
    if (licence === undefined) throw new NdxpError('RECORD_NOT_FOUND', { detail: 'no driving licence for this personal ID' });
    const v = await db.query<{ plate: string; kind: string; brand: string; valid_until: string | null }>(
      `SELECT v.plate, v.kind, v.brand,
              (SELECT i.valid_until FROM inspections i WHERE i.plate = v.plate AND i.passed ORDER BY i.inspected_on DESC LIMIT 1) AS valid_until
         FROM vehicles v WHERE v.owner_personal_id = $1 ORDER BY v.registered_on`,
      [params.personal_id],
    );
    return {
      licence: {
        number: licence.licence_number,
        classes: licence.classes.split(','),
        issued_on: licence.issued_on,
        expires_on: licence.expires_on,
        points: licence.points,
        // A licence with no points left is not valid until the points are restored (Art. 58).
        valid_now: licence.points > 0 && (licence.expires_on === null || licence.expires_on >= today),
      },
      vehicles: v.rows.map((r) => ({ plate: r.plate, kind: r.kind, brand: r.brand, inspection_valid_until: r.valid_until, inspection_valid_now: r.valid_until !== null && r.valid_until >= today })),
    };
  },
});

/**
 * II.11 — Driving licence and vehicle inspection database, Ministry of Transport (Bộ Giao thông
 * vận tải). Verifies a driver's identity with the NPDB when issuing or renewing a licence, links
 * the licence and the vehicle registration to the NPDB (both are shown in VNeID), and answers the
 * NPDB side with licence validity, points and inspection status.
 */
export const drivingSystem: SectorSystem = {
  planItem: 'II.11',
  member: { code: 'BGTVT', name: 'Bộ Giao thông vận tải', name_en: 'Ministry of Transport' },
  subsystem: { code: 'driving-vehicles', name: 'Cơ sở dữ liệu giấy phép lái xe, đăng kiểm phương tiện', name_en: 'Driving licence and vehicle inspection database' },
  directory: new URL('./', import.meta.url),
  tables: {
    driving_licences: ['licence_number', 'personal_id', 'full_name', 'date_of_birth', 'classes', 'issued_on', 'expires_on', 'points', 'issuing_office'],
    vehicles: ['plate', 'owner_personal_id', 'kind', 'brand', 'registered_on'],
    inspections: ['inspection_no', 'plate', 'inspected_on', 'valid_until', 'station', 'passed'],
  },
  derive(person, { facts, rng, seed, ordinal, asOf }): Rows {
    if (!facts.alive || facts.age < 18 || !rng.chance(0.55)) return {};
    const car = rng.chance(0.25);
    const issuedOn = dateBefore(rng, asOf, 15, addYears(person.dateOfBirth, 18));
    const province = provinceName(facts.province);
    const rows: { driving_licences: Record<string, string | number | null>[]; vehicles: Record<string, string | number | null>[]; inspections: Record<string, string | number | boolean>[] } = {
      driving_licences: [{
        licence_number: makeDrivingLicenceNumber(ordinal, hashWords(seed, 'driving-licence'), facts.province),
        personal_id: person.personalId,
        full_name: person.fullName,
        date_of_birth: person.dateOfBirth,
        classes: car ? 'A1,B' : 'A1',
        issued_on: issuedOn,
        // Class B is valid for 10 years (Art. 62 of the 2024 law); motorcycle classes for life.
        expires_on: car ? addYears(issuedOn, 10) : null,
        points: rng.chance(0.9) ? 12 : 4 + rng.int(8),
        // Licensing moved from the transport departments to the traffic police on 1 Mar 2025 (Law 36/2024/QH15).
        issuing_office: issuedOn >= '2025-03-01' ? `Phòng Cảnh sát giao thông Công an ${province}` : `Sở Giao thông vận tải ${province}`,
      }],
      vehicles: [],
      inspections: [],
    };
    if (car && rng.chance(0.6)) {
      const plate = makePlate(ordinal, hashWords(seed, 'plate'), PLATE_SERIES[facts.province] ?? facts.province);
      const inspectedOn = dateBefore(rng, asOf, 1.5);
      rows.vehicles.push({ plate, owner_personal_id: person.personalId, kind: 'Ô tô con', brand: rng.pick(BRANDS), registered_on: dateBefore(rng, asOf, 8, issuedOn) });
      // Private cars are inspected every 12-24 months depending on age (Circular 47/2024/TT-BGTVT): 12 here.
      rows.inspections.push({ inspection_no: `KD-${plate}-${inspectedOn}`, plate, inspected_on: inspectedOn, valid_until: addYears(inspectedOn, 1), station: `Trung tâm Đăng kiểm ${province}`, passed: true });
    }
    return rows;
  },
  services: [driverService],
  consumes: [{ service: NPDB_SERVICES.verify, fields: [...VERIFY_FIELDS], purposes: ['driving-licence-issuance'], legalBasis: `${TRAFFIC_LAW}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'driver-record', version: 'v1', fields: ['/licence/number', '/licence/classes', '/licence/expires_on', '/licence/points', '/licence/valid_now', '/vehicles/*/plate', '/vehicles/*/inspection_valid_now'], purposes: ['vneid-document-integration'], legalBasis: `${TRAFFIC_LAW}; Nghị định 69/2024/NĐ-CP về định danh và xác thực điện tử` }],
  enriches: ['driving_licence', 'vehicle_registration'],
  links({ rows }) {
    const l = rows['driving_licences']?.[0];
    if (l === undefined) return [];
    const out = [{ doc_type: 'driving_licence', number: String(l['licence_number']), issued_by: String(l['issuing_office']), issued_on: String(l['issued_on']), expires_on: l['expires_on'] === null ? null : String(l['expires_on']) }];
    const v = rows['vehicles']?.[0];
    if (v !== undefined) out.push({ doc_type: 'vehicle_registration', number: String(v['plate']), issued_by: 'Cục Cảnh sát giao thông', issued_on: String(v['registered_on']), expires_on: null });
    return out;
  },
  isSubject: ({ rows }) => (rows['vehicles']?.length ?? 0) > 0,
  outbound: ({ person }) => [verifyCall(person, 'driving-licence-issuance', 'Cơ quan cấp giấy phép lái xe xác thực người lái với CSDLQG về dân cư / the licensing office verifies the driver against the NPDB')],
  inbound: ({ person }) => [inboundGet('driver-record/v1', `/v1/drivers/${person.personalId}`, 'vneid-document-integration', 'Phía CSDLQG về dân cư đọc giấy phép lái xe và đăng kiểm để tích hợp vào VNeID / the NPDB side reads the licence and inspection for VNeID')],
};
