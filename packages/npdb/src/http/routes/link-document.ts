import { Type } from 'typebox';
import { NdxpError, type Clock, type HttpServer } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { DOCUMENT_TYPES, upsertDocument } from '../../store/upsert-document.ts';
import { checkPersonalId } from '../check-personal-id.ts';
import { DateSchema, DocumentSchema, PersonalIdSchema, problems } from '../schemas.ts';

/**
 * `POST /v1/citizens/{personal_id}/documents`: a sectoral system links an identifier or document
 * it issued (social insurance number, tax code, driving licence, health insurance card…) to the
 * citizen, as VNeID level 2 integrates them. One current document per type: linking again
 * replaces it (200); a first link is 201.
 */
export function registerLinkDocument(app: HttpServer, db: Db, clock: Clock): void {
  app.post('/v1/citizens/:personal_id/documents', {
    schema: {
      operationId: 'linkCitizenDocument',
      tags: ['citizens'],
      summary: 'Liên kết giấy tờ từ cơ sở dữ liệu chuyên ngành / Link a sectoral document',
      params: Type.Object({ personal_id: PersonalIdSchema }),
      body: Type.Object({
        type: Type.Enum([...DOCUMENT_TYPES]),
        number: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$', description: 'Number as issued' }),
        issued_by: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        issued_on: Type.Optional(DateSchema('Ngày cấp / issue date')),
        expires_on: Type.Optional(DateSchema('Ngày hết hạn / expiry date')),
      }, { additionalProperties: false }),
      response: { 200: DocumentSchema, 201: DocumentSchema, ...problems(400, 404, 413, 415) },
    },
  }, async (request, reply) => {
    const id = checkPersonalId(request.params.personal_id, 'params', '/personal_id');
    const body = request.body;
    if (body.issued_on !== undefined && body.expires_on !== undefined && body.expires_on < body.issued_on) {
      throw new NdxpError('DATE_INVALID', { detail: 'expires_on is before issued_on', errors: [{ in: 'body', pointer: '/expires_on', message: 'before issued_on' }] });
    }
    const result = await upsertDocument(db, id, body, new Date(clock.now()));
    if (result === undefined) throw new NdxpError('CITIZEN_NOT_FOUND', { detail: 'no citizen has this personal identification number' });
    return reply.code(result.created ? 201 : 200).send(result.document);
  });
}
