import type { Db } from '@ndxp/db';

/**
 * Identifiers and documents sectoral systems link to a citizen (Decision 47 section II
 * "bổ sung, làm giàu"; the documents a level-2 e-ID integrates, Decree 69/2024).
 */
export const DOCUMENT_TYPES = [
  'social_insurance_number', 'health_insurance_card', 'tax_code', 'driving_licence', 'vehicle_registration', 'passport', 'enterprise_code', 'land_use_certificate', 'civil_servant_code', 'health_book', 'birth_registration', 'marriage_registration', 'diploma', 'judicial_record_certificate', 'social_assistance', 'researcher_id', 'phone_subscription',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface DocumentInput {
  readonly type: DocumentType;
  readonly number: string;
  readonly issued_by?: string | undefined;
  readonly issued_on?: string | undefined;
  readonly expires_on?: string | undefined;
}

export interface DocumentView {
  readonly type: DocumentType;
  readonly number: string;
  readonly issued_by: string | null;
  readonly issued_on: string | null;
  readonly expires_on: string | null;
  readonly recorded_at: string;
}

/**
 * Link (or replace) a citizen's document of one type, in one transaction that first locks the
 * citizen row, so a concurrent re-link cannot interleave. Returns `undefined` (and writes
 * nothing) when there is no such citizen; `created` tells a new link from a replaced one.
 */
export async function upsertDocument(db: Db, personalId: string, doc: DocumentInput, recordedAt: Date): Promise<{ document: DocumentView; created: boolean } | undefined> {
  return db.transaction(async (tx) => {
    const found = await tx.query('SELECT 1 FROM citizens WHERE personal_id = $1 FOR UPDATE', [personalId]);
    if (found.rows.length === 0) return undefined;
    const { rows } = await tx.query<{ inserted: boolean }>(
      `INSERT INTO citizen_documents (personal_id, doc_type, number, issued_by, issued_on, expires_on, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (personal_id, doc_type) DO UPDATE
         SET number = EXCLUDED.number, issued_by = EXCLUDED.issued_by, issued_on = EXCLUDED.issued_on,
             expires_on = EXCLUDED.expires_on, recorded_at = EXCLUDED.recorded_at
       RETURNING (xmax = 0) AS inserted`,
      [personalId, doc.type, doc.number, doc.issued_by ?? null, doc.issued_on ?? null, doc.expires_on ?? null, recordedAt.toISOString()],
    );
    return {
      created: rows[0]?.inserted === true,
      document: { type: doc.type, number: doc.number, issued_by: doc.issued_by ?? null, issued_on: doc.issued_on ?? null, expires_on: doc.expires_on ?? null, recorded_at: recordedAt.toISOString() },
    };
  });
}
