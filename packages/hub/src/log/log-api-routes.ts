import { NdxpError, isPersonalId, type HttpServer, type PersonalId } from '@ndxp/core';
import { encodeBase64 } from '@ndxp/ledger';
import { requireRole } from '../control/principal.ts';
import { principalOf } from '../control/request-principal.ts';
import { BEARER } from '../control/schemas.ts';
import { authoriseSubjectQuery } from './authorise-subject-query.ts';
import { RotateKeyBody, RotateKeyResponse, SubjectQueryBody, SubjectQueryResponse } from './log-schemas.ts';
import { querySubject } from './query-subject.ts';
import type { TransparencyLog } from './start-transparency-log.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Transparency-log routes for signed-in users, mounted inside the control plane's authenticated
 * `/api/v1` scope (they rely on its session check and `principalOf`):
 *  - `POST /api/v1/log/subject-query`: every exchange that touched one person, each with its
 *    inclusion proof. The personal ID travels in the body, never in a URL (URLs end up in access
 *    logs and browser history).
 *  - `POST /api/v1/log/keys/rotate`: rotate the log's signing key (operator).
 */
export function registerLogApiRoutes(api: HttpServer, log: TransparencyLog): void {
  api.post('/api/v1/log/subject-query', {
    schema: {
      tags: ['log'], summary: 'Every exchange that touched a person, with inclusion proofs (operator for now; citizens via e-ID later)', security: BEARER,
      body: SubjectQueryBody, response: { 200: SubjectQueryResponse },
    },
  }, async (request) => {
    const principal = principalOf(request);
    const { personal_id: raw, after_index: afterIndex, limit } = request.body;
    // Authorise before even validating the number further: a refused caller learns nothing about it.
    authoriseSubjectQuery({ kind: 'staff', principal }, raw as PersonalId);
    if (!isPersonalId(raw)) throw new NdxpError('PERSONAL_ID_MALFORMED', { detail: 'body /personal_id: not a valid personal identification number (digits 1-3 must be a province code)' });
    const result = await querySubject(log.ctx.db, log.hashers, raw, { afterIndex, limit }, log.tiles);
    // Who looked at whose history is itself sensitive: record the lookup, by keyed hash only.
    request.log.info({ by: principal.username, subject_hmac: log.hashers[0]?.hash(raw), found: result.items.length }, 'subject query');
    return {
      checkpoint: { size: result.checkpoint.size, root_hash: encodeBase64(result.checkpoint.root), note: result.checkpoint.note },
      key_ids: [...result.keyIds],
      items: result.items.map((i) => ({
        index: i.index,
        time: i.entry.time,
        consumer: i.entry.consumer,
        service: i.entry.service,
        purpose: i.entry.purpose,
        legal_basis: i.entry.legal_basis,
        grant_id: i.entry.grant_id,
        status: i.entry.status,
        error_code: i.entry.error_code,
        outcome: i.outcome,
        fields: i.entry.fields === null ? null : [...i.entry.fields],
        entry: i.entryText,
        proof: i.proof === null ? null : i.proof.map(encodeBase64),
      })),
      next_after_index: result.nextAfterIndex,
    };
  });

  api.post('/api/v1/log/keys/rotate', {
    schema: {
      tags: ['log'], summary: 'Rotate the transparency log signing key (operator); the old key co-signs during the overlap', security: BEARER,
      body: RotateKeyBody, response: { 200: RotateKeyResponse },
    },
  }, async (request) => {
    requireRole(principalOf(request), 'operator');
    const rotation = await log.rotateKey(request.body.overlap_seconds);
    return {
      key_id: rotation.key.keyId,
      verifier_key: rotation.key.verifierKey,
      retiring: rotation.retiring.map((r) => ({ key_id: r.keyId, signs_until: iso(r.signsUntilMs) })),
    };
  });
}
