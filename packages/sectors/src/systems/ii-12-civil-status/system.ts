import { Type } from 'typebox';
import { NdxpError } from '@ndxp/core';
import { daysFromIso, hashWords, isoFromDays } from '@ndxp/synthetic';
import { permuteDigits } from '../../population/identifiers.ts';
import { wardName } from '../../population/places.ts';
import { defineCodeService } from '../../runtime/define-code-service.ts';
import { inboundGet, lookupCall, NPDB_SERVICES, NPDB_USE_BASIS } from '../../runtime/npdb-api.ts';
import { NullableString, PersonalIdParams } from '../../runtime/schemas.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const CIVIL_STATUS_LAW = 'Luật Hộ tịch số 60/2014/QH13; Nghị định 123/2015/NĐ-CP';

const ExtractResponse = Type.Object({
  birth: Type.Union([Type.Object({
    registration_no: Type.String(),
    registered_on: Type.String({ format: 'date' }),
    registry_office: Type.String(),
    place_of_birth: Type.String(),
    father_name: NullableString,
    mother_name: NullableString,
  }), Type.Null()]),
  marriages: Type.Array(Type.Object({
    registration_no: Type.String(),
    registered_on: Type.String({ format: 'date' }),
    spouse_name: Type.String(),
    registry_office: Type.String(),
  })),
  death: Type.Union([Type.Object({ registration_no: Type.String(), date_of_death: Type.String({ format: 'date' }), registered_on: Type.String({ format: 'date' }) }), Type.Null()]),
});

const extractService = defineCodeService<{ personal_id: string }>({
  code: 'civil-status-extract',
  version: 'v1',
  title: 'Trích lục hộ tịch: khai sinh, kết hôn, khai tử',
  titleEn: 'Civil status extract: birth, marriage and death registrations',
  description: 'Đăng ký khai sinh, các đăng ký kết hôn và đăng ký khai tử (nếu có) của một công dân.',
  dataClass: 'private',
  legalBases: [CIVIL_STATUS_LAW],
  method: 'GET',
  path: '/v1/people/:personal_id/civil-status',
  params: PersonalIdParams,
  response: ExtractResponse,
  fields: ['/birth/registration_no', '/birth/registered_on', '/birth/registry_office', '/birth/place_of_birth', '/birth/father_name', '/birth/mother_name', '/marriages/*/registration_no', '/marriages/*/registered_on', '/marriages/*/spouse_name', '/marriages/*/registry_office', '/death/registration_no', '/death/date_of_death', '/death/registered_on'],
  subjectLocator: { in: 'path', name: 'personal_id' },
  errors: [404],
  async handler(db, { params }) {
    const id = params.personal_id;
    const birth = (await db.query('SELECT registration_no, registered_on, registry_office, place_of_birth, father_name, mother_name FROM birth_registrations WHERE personal_id = $1', [id])).rows[0] ?? null;
    const marriages = (await db.query(
      `SELECT registration_no, registered_on, CASE WHEN husband_personal_id = $1 THEN wife_name ELSE husband_name END AS spouse_name, registry_office
         FROM marriage_registrations WHERE husband_personal_id = $1 OR wife_personal_id = $1 ORDER BY registered_on`,
      [id],
    )).rows;
    const death = (await db.query('SELECT registration_no, date_of_death, registered_on FROM death_registrations WHERE personal_id = $1', [id])).rows[0] ?? null;
    if (birth === null && marriages.length === 0 && death === null) throw new NdxpError('RECORD_NOT_FOUND', { detail: 'no civil status registration for this personal ID' });
    return { birth, marriages, death };
  },
});

/**
 * II.12 — National electronic civil status database, Ministry of Justice (Bộ Tư pháp). Checks a
 * person's identity and parents with the NPDB when registering, links birth and marriage
 * registrations to the NPDB, and issues civil status extracts to the NPDB side.
 */
export const civilStatusSystem: SectorSystem = {
  planItem: 'II.12',
  member: { code: 'BTP', name: 'Bộ Tư pháp', name_en: 'Ministry of Justice' },
  subsystem: { code: 'civil-status', name: 'Cơ sở dữ liệu hộ tịch điện tử toàn quốc', name_en: 'National electronic civil status database' },
  directory: new URL('./', import.meta.url),
  tables: {
    birth_registrations: ['registration_no', 'personal_id', 'full_name', 'date_of_birth', 'place_of_birth', 'father_name', 'mother_name', 'registered_on', 'registry_office'],
    marriage_registrations: ['registration_no', 'husband_personal_id', 'husband_name', 'wife_personal_id', 'wife_name', 'registered_on', 'registry_office'],
    death_registrations: ['registration_no', 'personal_id', 'full_name', 'date_of_death', 'registered_on', 'registry_office'],
  },
  derive(person, { rng, seed, ordinal }): Rows {
    const office = (ward: string) => `Ủy ban nhân dân ${wardName(ward)}`;
    const birthYear = person.dateOfBirth.slice(0, 4);
    // Births are registered within 60 days (Law on Civil Status, Art. 15).
    const birth = {
      registration_no: `${permuteDigits(ordinal, 7, hashWords(seed, 'birth-registration'))}/${birthYear}`,
      personal_id: person.personalId,
      full_name: person.fullName,
      date_of_birth: person.dateOfBirth,
      place_of_birth: person.placeOfBirth,
      father_name: person.father?.fullName ?? null,
      mother_name: person.mother?.fullName ?? null,
      registered_on: isoFromDays(daysFromIso(person.dateOfBirth) + 1 + rng.int(59)),
      registry_office: `Ủy ban nhân dân cấp xã, ${person.placeOfBirth}`,
    };
    const marriages = [];
    // One row per couple: written from the husband's side, or the wife's when he is not in the database.
    const spouse = person.spouse;
    if (person.marriedOn !== null && spouse !== null && (person.gender === 'male' || spouse.personalId === null)) {
      const husband = person.gender === 'male' ? { id: person.personalId, name: person.fullName } : { id: spouse.personalId, name: spouse.fullName };
      const wife = person.gender === 'male' ? { id: spouse.personalId, name: spouse.fullName } : { id: person.personalId, name: person.fullName };
      marriages.push({ registration_no: `${permuteDigits(ordinal, 7, hashWords(seed, 'marriage-registration'))}/${person.marriedOn.slice(0, 4)}/KH`, husband_personal_id: husband.id, husband_name: husband.name, wife_personal_id: wife.id, wife_name: wife.name, registered_on: person.marriedOn, registry_office: office(person.permanentResidence.wardCode) });
    }
    const deaths = person.dateOfDeath === null ? [] : [{
      registration_no: `${permuteDigits(ordinal, 7, hashWords(seed, 'death-registration'))}/${person.dateOfDeath.slice(0, 4)}/KT`,
      personal_id: person.personalId,
      full_name: person.fullName,
      date_of_death: person.dateOfDeath,
      registered_on: isoFromDays(daysFromIso(person.dateOfDeath) + 1 + rng.int(14)),
      registry_office: office(person.permanentResidence.wardCode),
    }];
    return { birth_registrations: [birth], marriage_registrations: marriages, death_registrations: deaths };
  },
  services: [extractService],
  consumes: [{ service: NPDB_SERVICES.lookup, fields: ['/full_name', '/date_of_birth', '/father', '/mother', '/marital_status'], purposes: ['civil-status-registration'], legalBasis: `${CIVIL_STATUS_LAW}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'civil-status-extract', version: 'v1', fields: ['/birth/registration_no', '/birth/registered_on', '/marriages/*/registration_no', '/marriages/*/registered_on', '/death/registration_no', '/death/date_of_death'], purposes: ['population-data-update'], legalBasis: `${CIVIL_STATUS_LAW}; Luật Cư trú số 68/2020/QH14; Luật Căn cước số 26/2023/QH15` }],
  enriches: ['birth_registration', 'marriage_registration'],
  links({ rows }) {
    const out = [];
    const b = rows['birth_registrations']?.[0];
    if (b !== undefined) out.push({ doc_type: 'birth_registration', number: String(b['registration_no']), issued_by: String(b['registry_office']), issued_on: String(b['registered_on']), expires_on: null });
    const m = rows['marriage_registrations']?.[0];
    if (m !== undefined) out.push({ doc_type: 'marriage_registration', number: String(m['registration_no']), issued_by: String(m['registry_office']), issued_on: String(m['registered_on']), expires_on: null });
    return out;
  },
  isSubject: ({ rows, facts }) => facts.alive && (rows['marriage_registrations']?.length ?? 0) > 0,
  outbound: ({ person }) => [lookupCall(person.personalId, ['/full_name', '/date_of_birth', '/father', '/mother', '/marital_status'], 'civil-status-registration', 'Cơ quan hộ tịch đối chiếu nhân thân, cha mẹ, tình trạng hôn nhân với CSDLQG về dân cư / the civil registry checks identity, parents and marital status against the NPDB')],
  inbound: ({ person }) => [inboundGet('civil-status-extract/v1', `/v1/people/${person.personalId}/civil-status`, 'population-data-update', 'Phía CSDLQG về dân cư lấy trích lục hộ tịch để cập nhật dữ liệu dân cư / the NPDB side reads the civil status extract to update population data')],
};
