import { Type, type TSchema } from 'typebox';
import { PERSONAL_ID_PATTERN } from '@ndxp/core';

/**
 * Shared request and response schemas. `x-error-code` names the problem code a failing value
 * gets (see @ndxp/core validator compiler), so a malformed personal ID is PERSONAL_ID_MALFORMED
 * and an impossible date (2001-02-30: ajv-formats checks the calendar) DATE_INVALID.
 */
export const PersonalIdSchema = Type.String({
  pattern: PERSONAL_ID_PATTERN,
  'x-error-code': 'PERSONAL_ID_MALFORMED',
  description: 'Số định danh cá nhân: 12 chữ số (Nghị định 137/2015/NĐ-CP, Điều 13). Personal identification number: 12 digits.',
  examples: ['001089012345'],
});

export const DateSchema = (description: string) => Type.String({ format: 'date', 'x-error-code': 'DATE_INVALID', description, examples: ['1989-06-15'] });

export const GenderSchema = Type.Enum(['male', 'female'], { description: 'Giới tính / gender' });

const nullable = (schema: TSchema) => Type.Union([schema, Type.Null()]);
const str = Type.String();
const opt = (schema: TSchema) => Type.Optional(schema);

/** RFC 9457 problem details with NDXP's extension members. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ format: 'uri' }),
    title: str,
    status: Type.Integer(),
    detail: opt(str),
    instance: opt(str),
    code: Type.String({ description: 'Stable error code, see docs/errors.md' }),
    origin: Type.Enum(['client', 'hub', 'provider']),
    request_id: opt(str),
    errors: opt(Type.Array(Type.Object({ in: str, pointer: str, message: str }))),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Bad input: PERSONAL_ID_MALFORMED, DATE_INVALID, FIELD_UNKNOWN, CURSOR_INVALID, HOUSEHOLD_ID_MALFORMED, HEADER_INVALID, MALFORMED_JSON or VALIDATION_FAILED',
  404: 'CITIZEN_NOT_FOUND or HOUSEHOLD_NOT_FOUND',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** OpenAPI responses for the given error statuses, as application/problem+json. */
export function problems(...statuses: readonly number[]): Record<number, unknown> {
  return Object.fromEntries(statuses.map((s) => [s, { description: DESCRIPTIONS[s] ?? 'Problem', content: { 'application/problem+json': { schema: ProblemSchema } } }]));
}

export const CodedSchema = Type.Object({ code: opt(str), name: opt(str) });

export const AddressSchema = Type.Object({
  ward_code: opt(Type.String({ description: 'Mã xã/phường 2025 (5 chữ số)' })),
  ward_name: opt(str),
  province_code: opt(Type.String({ description: 'Mã tỉnh/thành phố 2025 (2 chữ số)' })),
  province_name: opt(str),
  address_line: opt(str),
  full_address: opt(str),
  since: opt(Type.String({ format: 'date' })),
});

export const RelativeSchema = Type.Object({
  full_name: opt(str),
  personal_id: opt(nullable(str)),
  old_id_number: opt(nullable(str)),
  nationality: opt(nullable(str)),
});

export const HouseholdMemberSchema = Type.Object({
  personal_id: opt(str),
  full_name: opt(str),
  relationship_to_head: opt(Type.Enum(['head', 'spouse', 'child', 'child_in_law', 'father', 'mother', 'grandchild'])),
});

export const HouseholdSummarySchema = Type.Object({
  household_id: opt(str),
  head: opt(nullable(Type.Object({ personal_id: opt(str), full_name: opt(str) }))),
  members: opt(Type.Array(HouseholdMemberSchema)),
});

export const DocumentSchema = Type.Object({
  type: opt(str),
  number: opt(str),
  issued_by: opt(nullable(str)),
  issued_on: opt(nullable(Type.String({ format: 'date' }))),
  expires_on: opt(nullable(Type.String({ format: 'date' }))),
  recorded_at: opt(Type.String({ format: 'date-time' })),
});

/**
 * The citizen lookup response. Every member is optional: the response holds only the fields
 * asked for and granted. Serialisation goes through this schema, so nothing undeclared can leak.
 */
export const CitizenSchema = Type.Object({
  personal_id: opt(str),
  full_name: opt(str),
  other_names: opt(nullable(str)),
  date_of_birth: opt(Type.String({ format: 'date' })),
  gender: opt(GenderSchema),
  place_of_birth: opt(str),
  birth_registration_place: opt(CodedSchema),
  hometown: opt(str),
  ethnicity: opt(CodedSchema),
  religion: opt(CodedSchema),
  nationality: opt(str),
  blood_type: opt(nullable(str)),
  old_id_number: opt(nullable(str)),
  id_card: opt(nullable(Type.Object({ number: opt(str), issued_on: opt(Type.String({ format: 'date' })), issued_by: opt(str), expires_on: opt(nullable(Type.String({ format: 'date' }))) }))),
  father: opt(nullable(RelativeSchema)),
  mother: opt(nullable(RelativeSchema)),
  spouse: opt(nullable(RelativeSchema)),
  children: opt(Type.Array(RelativeSchema)),
  legal_representative: opt(nullable(RelativeSchema)),
  represented_persons: opt(Type.Array(RelativeSchema)),
  permanent_residence: opt(AddressSchema),
  temporary_residence: opt(nullable(AddressSchema)),
  current_residence: opt(AddressSchema),
  temporary_absence: opt(nullable(Type.Object({ since: opt(Type.String({ format: 'date' })), reason: opt(nullable(str)) }))),
  residence_file_number: opt(str),
  marital_status: opt(Type.Enum(['single', 'married', 'divorced', 'widowed'])),
  relationship_to_head: opt(nullable(Type.Enum(['head', 'spouse', 'child', 'child_in_law', 'father', 'mother', 'grandchild']))),
  household: opt(nullable(HouseholdSummarySchema)),
  date_of_death: opt(nullable(Type.String({ format: 'date' }))),
  date_of_disappearance: opt(nullable(Type.String({ format: 'date' }))),
  phone: opt(nullable(str)),
  email: opt(nullable(str)),
  linked_documents: opt(Type.Array(DocumentSchema)),
}, { additionalProperties: false });
