import type { PersonalId } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import { inclusionProofPlan, resolveProofPlan, type ProofPlan } from '@ndxp/ledger';
import type { AuditEntry } from '../audit/audit-entry.ts';
import type { SubjectHasher } from '../audit/subject-hasher.ts';
import { dbHashReader, type TileCache } from './db-tile-reader.ts';
import { latestCheckpoint, type StoredCheckpoint } from './list-checkpoints.ts';

/** One exchange that touched the person, with what is needed to check it is in the log. */
export interface SubjectExchange {
  /** Leaf index in the log (= the `x-ndxp-log-index` the consumer received). */
  readonly index: number;
  readonly entry: AuditEntry;
  /** The canonical entry text exactly as hashed into the tree (RFC 8785). */
  readonly entryText: string;
  /** `released`: data went to the consumer (2xx); `refused`: the hub or the provider refused (4xx); `failed`: 5xx. */
  readonly outcome: 'released' | 'refused' | 'failed';
  /** Audit path to the latest checkpoint's root; null while the entry is newer than that checkpoint. */
  readonly proof: readonly Uint8Array[] | null;
}

export interface SubjectQueryResult {
  /** The checkpoint every proof leads to. */
  readonly checkpoint: StoredCheckpoint;
  readonly items: readonly SubjectExchange[];
  /** Pass as `after_index` for the next page; equal to the input when nothing more was found. */
  readonly nextAfterIndex: number;
  /** Ids of the HMAC keys searched. */
  readonly keyIds: readonly string[];
}

/**
 * Every exchange whose audit entry names `personalId` as its data subject, in log order. The raw ID
 * only lives in this function's arguments: it is hashed under each known subject key and the
 * (key id, HMAC) pairs are looked up through the audit log's subject index. Each entry comes with
 * its RFC 9162 inclusion proof against the latest signed checkpoint, all read in one batch.
 */
export async function querySubject(
  db: Queryable,
  hashers: readonly SubjectHasher[],
  personalId: PersonalId,
  page: { readonly afterIndex: number; readonly limit: number },
  cache?: TileCache,
): Promise<SubjectQueryResult> {
  const pairs = hashers.map((h) => ({ keyId: h.keyId, hmac: h.hash(personalId) }));
  const wanted = new Set(pairs.map((p) => `${p.keyId}:${p.hmac}`));
  const checkpoint = await latestCheckpoint(db);
  const { rows } = await db.query<{ seq: number; entry: string; subject_key_id: string; subject_hmac: string }>(
    // The column holds the HMAC's bytes (0006_audit_log_lean.sql); the keys arrive as hex.
    `SELECT seq, entry, subject_key_id, encode(subject_hmac, 'hex') AS subject_hmac FROM audit_log
     WHERE subject_hmac = ANY(ARRAY(SELECT decode(h, 'hex') FROM unnest($1::text[]) AS h)) AND subject_key_id = ANY($2::text[]) AND seq > $3
     ORDER BY seq LIMIT $4`,
    [pairs.map((p) => p.hmac), pairs.map((p) => p.keyId), page.afterIndex, page.limit],
  );
  const matches = rows.filter((r) => wanted.has(`${r.subject_key_id}:${r.subject_hmac}`)).map((r) => ({ index: Number(r.seq), text: r.entry }));

  // One batched read for every proof: concatenate the plans, then cut the result back apart.
  const provable = matches.filter((m) => m.index < checkpoint.size);
  const plans: ProofPlan[] = provable.map((m) => inclusionProofPlan(m.index, checkpoint.size));
  const flat = plans.length === 0 ? [] : await resolveProofPlan(plans.flat(), dbHashReader(db, checkpoint.size, cache));
  const proofs = new Map<number, Uint8Array[]>();
  let at = 0;
  provable.forEach((m, i) => {
    const n = (plans[i] as ProofPlan).length;
    proofs.set(m.index, flat.slice(at, at + n));
    at += n;
  });

  const items = matches.map((m): SubjectExchange => {
    const entry = JSON.parse(m.text) as AuditEntry;
    return {
      index: m.index,
      entry,
      entryText: m.text,
      outcome: entry.status < 400 ? 'released' : entry.status < 500 ? 'refused' : 'failed',
      proof: proofs.get(m.index) ?? null,
    };
  });
  return { checkpoint, items, nextAfterIndex: rows.length === 0 ? page.afterIndex : Number(rows.at(-1)?.seq), keyIds: pairs.map((p) => p.keyId) };
}
