import { Type } from 'typebox';
import type { HttpServer } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { compareIdentity } from '../../store/compare-identity.ts';
import { readIdentities } from '../../store/read-identities.ts';
import { checkPersonalId } from '../check-personal-id.ts';
import { problems } from '../schemas.ts';
import { VerifyRequestSchema, VerifyResponseSchema } from './verify-citizen.ts';

/** Most items in one batch: large enough for bulk cleansing jobs, small enough for one query. */
export const MAX_BATCH = 100;

const BatchResult = Type.Object({
  found: Type.Boolean(),
  match: Type.Optional(VerifyResponseSchema.properties.match),
  fields: Type.Optional(VerifyResponseSchema.properties.fields),
  deceased: Type.Optional(VerifyResponseSchema.properties.deceased),
});

/**
 * `POST /v1/citizens/verify-batch`: up to 100 verifications in one call, answered in the order
 * given (results[i] answers items[i]; personal IDs are not echoed). Within a batch an unknown ID
 * cannot be a 404, so it is `{ "found": false }`. A malformed item rejects the whole batch with
 * the pointer of the item, so nothing is half-answered.
 */
export function registerVerifyCitizensBatch(app: HttpServer, db: Db): void {
  app.post('/v1/citizens/verify-batch', {
    schema: {
      operationId: 'verifyCitizensBatch',
      tags: ['citizens'],
      summary: 'Xác thực hàng loạt / Verify citizens in a batch',
      description: `Up to ${MAX_BATCH} verifications; results[i] answers items[i]. Unknown personal IDs are \`{"found": false}\`.`,
      body: Type.Object({ items: Type.Array(VerifyRequestSchema, { minItems: 1, maxItems: MAX_BATCH }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ results: Type.Array(BatchResult) }), ...problems(400, 413, 415) },
    },
  }, async (request) => {
    const items = request.body.items;
    const ids = items.map((item, i) => checkPersonalId(item.personal_id, 'body', `/items/${i}/personal_id`));
    const stored = await readIdentities(db, [...new Set(ids)]);
    return {
      results: items.map((item, i) => {
        const s = stored.get(ids[i] as string);
        return s === undefined ? { found: false } : { found: true, ...compareIdentity(s, item) };
      }),
    };
  });
}
