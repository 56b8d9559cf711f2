import type { SyntheticPerson } from '@ndxp/synthetic';
import type { DocumentLink, ScenarioCall } from './sector-system.ts';

/**
 * The NPDB's services as the sectoral systems call them through the hub. The sectors never import
 * the NPDB's code (services talk over HTTP only): these are its published service ids and paths.
 */
export const NPDB_SUBSYSTEM = 'BCA/npdb';
/** The NPDB side's consumer of sectoral services (C06's exchange system). */
export const NPDB_SIDE_CONSUMER = 'BCA/sector-exchange';

export const NPDB_SERVICES = {
  verify: `${NPDB_SUBSYSTEM}/citizen-verify/v1`,
  lookup: `${NPDB_SUBSYSTEM}/citizen-lookup/v1`,
  documents: `${NPDB_SUBSYSTEM}/citizen-documents/v1`,
} as const;

/** Fields of the verification answer: overall match, per-field answers, and whether the person died. */
export const VERIFY_FIELDS = ['/match', '/fields', '/deceased'] as const;

/** Fields of a linked-document answer. */
export const DOCUMENT_FIELDS = ['/type', '/number', '/issued_by', '/issued_on', '/expires_on', '/recorded_at'] as const;

/**
 * Document types the NPDB's `citizen-documents` service accepts (its published enum; the
 * end-to-end test checks this list against the NPDB's own). Links of other types are reported by
 * the scenarios as not sent rather than posted to fail.
 */
export const NPDB_DOCUMENT_TYPES: readonly string[] = [
  'social_insurance_number', 'health_insurance_card', 'tax_code', 'driving_licence', 'vehicle_registration', 'passport', 'enterprise_code', 'land_use_certificate', 'civil_servant_code', 'health_book', 'birth_registration', 'marriage_registration', 'diploma', 'judicial_record_certificate', 'social_assistance', 'researcher_id', 'phone_subscription',
];

/** Law on Identification 2023 (26/2023/QH15) Art. 10 and Decree 70/2024 Art. 15: agencies use the NPDB through the sharing platform. */
export const NPDB_USE_BASIS = 'Luật Căn cước số 26/2023/QH15, Điều 10; Nghị định 70/2024/NĐ-CP, Điều 15';

/** Verify a person's identity (ID, name, date of birth) against the NPDB. */
export function verifyCall(person: Pick<SyntheticPerson, 'personalId' | 'fullName' | 'dateOfBirth'>, purpose: string, why: string): ScenarioCall {
  return {
    service: NPDB_SERVICES.verify,
    method: 'POST',
    path: '/v1/citizens/verify',
    body: { personal_id: person.personalId, full_name: person.fullName, date_of_birth: person.dateOfBirth },
    purpose,
    why,
  };
}

/** Read fields of a citizen's record. */
export function lookupCall(personalId: string, fields: readonly string[], purpose: string, why: string): ScenarioCall {
  return { service: NPDB_SERVICES.lookup, method: 'GET', path: `/v1/citizens/${personalId}`, fields, purpose, why };
}

/** Purpose code of enrichment calls (bổ sung, làm giàu dữ liệu dân cư). */
export const ENRICH_PURPOSE = 'npdb-enrichment';

/** Link one document to a citizen in the NPDB (bổ sung làm giàu dữ liệu dân cư). */
export function linkDocumentCall(personalId: string, link: DocumentLink, why: string): ScenarioCall {
  return {
    service: NPDB_SERVICES.documents,
    method: 'POST',
    path: `/v1/citizens/${personalId}/documents`,
    body: {
      type: link.doc_type,
      number: link.number,
      issued_by: link.issued_by,
      ...(link.issued_on === null ? {} : { issued_on: link.issued_on }),
      ...(link.expires_on === null ? {} : { expires_on: link.expires_on }),
    },
    purpose: ENRICH_PURPOSE,
    why,
  };
}

/** A GET the NPDB side makes to a sectoral service (inbound direction of a connection). */
export function inboundGet(service: string, path: string, purpose: string, why: string, fields?: readonly string[]): ScenarioCall {
  return { service, method: 'GET', path, purpose, why, ...(fields === undefined ? {} : { fields }) };
}
