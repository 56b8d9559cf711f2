import { Type } from 'typebox';
import { NdxpError, type HttpServer } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { readHousehold } from '../../store/read-household.ts';
import { AddressSchema, HouseholdSummarySchema, problems } from '../schemas.ts';

export const HouseholdIdSchema = Type.String({ pattern: '^[0-9]{10}$', 'x-error-code': 'HOUSEHOLD_ID_MALFORMED', description: 'Mã hộ gia đình: 10 chữ số / household identifier: 10 digits' });

/** `GET /v1/households/{household_id}`: the household, its address, head and members (field 23). */
export function registerGetHousehold(app: HttpServer, db: Db): void {
  app.get('/v1/households/:household_id', {
    schema: {
      operationId: 'getHousehold',
      tags: ['households'],
      summary: 'Thông tin hộ gia đình / A household and its members',
      params: Type.Object({ household_id: HouseholdIdSchema }),
      response: {
        200: Type.Object({
          ...HouseholdSummarySchema.properties,
          residence_file_number: Type.String(),
          registered_on: Type.String({ format: 'date' }),
          address: AddressSchema,
        }),
        ...problems(400, 404),
      },
    },
  }, async (request) => {
    const household = await readHousehold(db, request.params.household_id);
    if (household === undefined) throw new NdxpError('HOUSEHOLD_NOT_FOUND', { detail: 'no household has this identifier' });
    return household;
  });
}
