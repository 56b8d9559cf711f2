import { createServer, NdxpError, type HttpServer } from '@ndxp/core';
import { hubGuard } from '@ndxp/sdk';

/** Synthetic citizens of the demo provider (not real people; IDs follow the 12-digit format). */
export const CITIZENS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  '001203012345': { personal_id: '001203012345', full_name: 'Nguyễn Thị Hương', date_of_birth: '2003-04-12', sex: 'F', address: { province: 'Hà Nội', ward: 'Phường Ba Đình' } },
  '079095001234': { personal_id: '079095001234', full_name: 'Trần Văn Bình', date_of_birth: '1995-11-30', sex: 'M', address: { province: 'Thành phố Hồ Chí Minh', ward: 'Phường Sài Gòn' } },
};

/** Synthetic taxpayers of the demo tax system (10-digit tax codes). */
export const TAXPAYERS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  '001203012345': { personal_id: '001203012345', tax_code: '8012345678', status: 'active' },
};

export const TAXPAYER_FIELDS = ['/personal_id', '/tax_code', '/status'];

export const TAXPAYER_OPENAPI = {
  openapi: '3.1.0',
  info: { title: 'Tra cứu mã số thuế cá nhân', version: '1.0.0' },
  paths: {
    '/taxpayers/{personal_id}': {
      get: {
        summary: 'Mã số thuế của cá nhân theo số định danh',
        parameters: [{ name: 'personal_id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'Người nộp thuế', content: { 'application/json': { schema: { type: 'object', properties: { personal_id: { type: 'string' }, tax_code: { type: 'string', description: 'Mã số thuế (10 chữ số)' }, status: { type: 'string' } } } } } } },
      },
    },
  },
} as const;

export const CITIZEN_FIELDS = ['/personal_id', '/full_name', '/date_of_birth', '/sex', '/address/province', '/address/ward'];

/** OpenAPI 3.1 document of the demo citizen-lookup service, as a provider would register it. */
export const CITIZEN_OPENAPI = {
  openapi: '3.1.0',
  info: { title: 'Tra cứu thông tin công dân', version: '1.0.0' },
  paths: {
    '/citizens/{personal_id}': {
      get: {
        summary: 'Tra cứu công dân theo số định danh cá nhân',
        parameters: [{ name: 'personal_id', in: 'path', required: true, description: 'Số định danh cá nhân (12 chữ số)', schema: { type: 'string', pattern: '^[0-9]{12}$' } }],
        responses: {
          '200': {
            description: 'Thông tin công dân',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Citizen' } } },
          },
          '404': { description: 'Không tìm thấy công dân' },
        },
      },
    },
  },
  components: {
    schemas: {
      Citizen: {
        type: 'object',
        required: ['personal_id', 'full_name'],
        properties: {
          personal_id: { type: 'string', description: 'Số định danh cá nhân' },
          full_name: { type: 'string', description: 'Họ, chữ đệm và tên khai sinh' },
          date_of_birth: { type: 'string', format: 'date', description: 'Ngày, tháng, năm sinh' },
          sex: { type: 'string', enum: ['M', 'F'], description: 'Giới tính' },
          address: {
            type: 'object',
            description: 'Nơi thường trú',
            properties: { province: { type: 'string', description: 'Tỉnh, thành phố' }, ward: { type: 'string', description: 'Xã, phường' } },
          },
        },
      },
    },
  },
} as const;

/**
 * A provider system for the browser tests: it accepts only requests the hub forwarded (SDK
 * `hubGuard` verifies the hub assertion against the hub's JWKS) and returns every field, so the
 * hub's projection to the granted fields is what the consumer sees.
 */
export async function startDemoProvider(hubUrl: string, subsystemId: string, records: Readonly<Record<string, Readonly<Record<string, unknown>>>>, route: string): Promise<{ url: string; app: HttpServer; close(): Promise<void> }> {
  const app = createServer({ name: 'demo-provider', logger: false });
  app.addHook('onRequest', hubGuard({ jwksUrl: `${hubUrl}/.well-known/jwks.json`, issuer: hubUrl, audience: subsystemId }));
  app.get(`/${route}/:personal_id`, async (request) => {
    const { personal_id } = request.params as { personal_id: string };
    const c = records[personal_id];
    if (c === undefined) throw new NdxpError('RECORD_NOT_FOUND');
    return c;
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, app, close: () => app.close() };
}
