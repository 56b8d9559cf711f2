import { Type } from 'typebox';

/** A 12-digit personal identification number in a path or query (Decree 137/2015 Art. 13). */
export const PersonalIdSchema = Type.String({ pattern: '^[0-9]{12}$', 'x-error-code': 'PERSONAL_ID_MALFORMED', description: 'Số định danh cá nhân (12 chữ số)' });

/** `{ personal_id }` path parameters. */
export const PersonalIdParams = Type.Object({ personal_id: PersonalIdSchema }, { additionalProperties: false });

export const DateSchema = Type.String({ format: 'date', 'x-error-code': 'DATE_INVALID' });
export const NullableString = Type.Union([Type.String(), Type.Null()]);
export const NullableDate = Type.Union([Type.String({ format: 'date' }), Type.Null()]);
