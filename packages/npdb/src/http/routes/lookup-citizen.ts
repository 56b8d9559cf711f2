import { Type } from 'typebox';
import { NdxpError, type HttpServer } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { NPDB_CITIZEN_FIELDS } from '../../fields/citizen-fields.ts';
import { parseRequestedFields, selectFields } from '../../fields/field-selection.ts';
import { readCitizen } from '../../store/read-citizen.ts';
import { checkPersonalId } from '../check-personal-id.ts';
import { CitizenSchema, PersonalIdSchema, problems } from '../schemas.ts';

/**
 * `GET /v1/citizens/{personal_id}?fields=…`: the citizen's record projected to the fields asked
 * for (all when `fields` is absent) and, when the hub sends `x-ndxp-fields`, to the consumer's
 * granted pointers as well: fields outside the grant are not even read from the database.
 */
export function registerLookupCitizen(app: HttpServer, db: Db): void {
  app.get('/v1/citizens/:personal_id', {
    schema: {
      operationId: 'lookupCitizen',
      tags: ['citizens'],
      summary: 'Tra cứu thông tin công dân / Look up a citizen',
      description: `Fields (Law on Identification 2023, Art. 9): ${NPDB_CITIZEN_FIELDS.join(', ')}. Unknown names in \`fields\` are 400 FIELD_UNKNOWN.`,
      params: Type.Object({ personal_id: PersonalIdSchema }),
      querystring: Type.Object({
        fields: Type.Optional(Type.String({
          pattern: '^[a-z_]+(,[a-z_]+)*$',
          maxLength: 2000,
          'x-error-code': 'FIELD_UNKNOWN',
          description: 'Comma-separated field names, e.g. `full_name,date_of_birth`',
        })),
      }, { additionalProperties: false }),
      headers: Type.Object({
        'x-ndxp-fields': Type.Optional(Type.String({ maxLength: 8192, description: 'Set by the hub: the consumer\'s granted fields as comma-separated JSON pointers' })),
      }),
      response: { 200: CitizenSchema, ...problems(400, 404) },
    },
  }, async (request) => {
    const id = checkPersonalId(request.params.personal_id, 'params', '/personal_id');
    const requested = parseRequestedFields(request.query.fields);
    const selection = selectFields(requested, request.headers['x-ndxp-fields']);
    const citizen = await readCitizen(db, id, selection);
    if (citizen === undefined) throw new NdxpError('CITIZEN_NOT_FOUND', { detail: 'no citizen has this personal identification number' });
    return citizen;
  });
}
