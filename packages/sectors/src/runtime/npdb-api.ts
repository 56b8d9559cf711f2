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

/** Fields of the verification answer. */
export const VERIFY_FIELDS = ['/match', '/checks'] as const;

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

/** Link documents to a citizen in the NPDB (bổ sung làm giàu dữ liệu dân cư). */
export function linkDocumentsCall(personalId: string, links: readonly DocumentLink[], why: string): ScenarioCall {
  return {
    service: NPDB_SERVICES.documents,
    method: 'POST',
    path: `/v1/citizens/${personalId}/documents`,
    body: { documents: links },
    purpose: ENRICH_PURPOSE,
    why,
  };
}

/** A GET the NPDB side makes to a sectoral service (inbound direction of a connection). */
export function inboundGet(service: string, path: string, purpose: string, why: string, fields?: readonly string[]): ScenarioCall {
  return { service, method: 'GET', path, purpose, why, ...(fields === undefined ? {} : { fields }) };
}
