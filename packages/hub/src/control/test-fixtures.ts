/**
 * Test data for control-plane tests: an OpenAPI 3.1 document shaped like the NPDB citizen lookup,
 * and its field list.
 */
export const CITIZEN_OPENAPI = {
  openapi: '3.1.0',
  info: { title: 'Tra cứu công dân', version: '1' },
  paths: {
    '/citizens/{personal_id}': {
      get: {
        parameters: [{ name: 'personal_id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]{12}$' } }],
        responses: { 200: { description: 'Công dân' } },
      },
    },
  },
};

export const CITIZEN_FIELDS = ['/personal_id', '/full_name', '/date_of_birth', '/gender', '/permanent_address/ward_code', '/ethnicity'];

/** A registration body for `BCA/npdb/<code>/<version>`. */
export function citizenService(code = 'citizen-lookup', version = 'v1', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    subsystem_id: 'BCA/npdb',
    code,
    version,
    title: 'Tra cứu thông tin công dân',
    title_en: 'Citizen lookup',
    description: 'Tra cứu thông tin cơ bản của công dân theo số định danh cá nhân.',
    openapi: CITIZEN_OPENAPI,
    fields: CITIZEN_FIELDS,
    data_class: 'private',
    subject_locator: { in: 'path', name: 'personal_id' },
    legal_bases: ['Luật Căn cước 2023, Điều 10'],
    ...extra,
  };
}
