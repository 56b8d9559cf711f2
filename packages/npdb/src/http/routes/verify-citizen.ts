import { Type } from 'typebox';
import { NdxpError, type HttpServer } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { compareIdentity } from '../../store/compare-identity.ts';
import { readIdentities } from '../../store/read-identities.ts';
import { checkPersonalId } from '../check-personal-id.ts';
import { DateSchema, GenderSchema, PersonalIdSchema, problems } from '../schemas.ts';

const Answer = Type.Enum(['match', 'match_ignoring_diacritics', 'mismatch']);

export const VerifyRequestSchema = Type.Object(
  {
    personal_id: PersonalIdSchema,
    full_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Họ, chữ đệm và tên / full name, with or without diacritics' })),
    date_of_birth: Type.Optional(DateSchema('Ngày sinh / date of birth, YYYY-MM-DD')),
    gender: Type.Optional(GenderSchema),
  },
  // personal_id and at least one field to compare.
  { additionalProperties: false, minProperties: 2 },
);

export const VerifyResponseSchema = Type.Object({
  match: Type.Boolean({ description: 'True only if every stated field matches exactly and the citizen is alive' }),
  fields: Type.Object({ full_name: Type.Optional(Answer), date_of_birth: Type.Optional(Answer), gender: Type.Optional(Answer) }),
  deceased: Type.Boolean({ description: 'The citizen has died (Art. 9 field 24)' }),
});

/**
 * `POST /v1/citizens/verify`: does this personal ID belong to someone with this name, date of
 * birth and gender? Answers per field and never returns stored values. An unknown ID is its own
 * answer, 404 CITIZEN_NOT_FOUND: "no such citizen" is what the caller needs (a subscriber
 * registration must be refused differently from a name typo), and it reveals nothing else.
 */
export function registerVerifyCitizen(app: HttpServer, db: Db): void {
  app.post('/v1/citizens/verify', {
    schema: {
      operationId: 'verifyCitizen',
      tags: ['citizens'],
      summary: 'Xác thực thông tin công dân / Verify a citizen\'s identity',
      description: 'Compares the stated full name, date of birth and gender with the record of the personal ID, field by field. Names typed without diacritics are reported as `match_ignoring_diacritics`. Nothing stored is returned. An unknown personal ID is `404 CITIZEN_NOT_FOUND`.',
      body: VerifyRequestSchema,
      response: { 200: VerifyResponseSchema, ...problems(400, 404, 413, 415) },
    },
  }, async (request) => {
    const body = request.body;
    const id = checkPersonalId(body.personal_id, 'body', '/personal_id');
    const stored = (await readIdentities(db, [id])).get(id);
    if (stored === undefined) throw new NdxpError('CITIZEN_NOT_FOUND', { detail: 'no citizen has this personal identification number' });
    return compareIdentity(stored, body);
  });
}
