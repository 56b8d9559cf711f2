import { createServer as createHttpServer, type Server } from 'node:http';
import { openDatabase, type Db } from '@ndxp/db';
import { generateSubsystemKey, type SubsystemKey } from '@ndxp/sdk';
import { buildHub, type Hub } from '@ndxp/hub/app/build-hub';
import { loadHubConfig } from '@ndxp/hub/app/hub-config';
import { DEMO_USERS } from '@ndxp/hub/control/users/seed-demo-users';
import { registerAuditRoutes } from '@ndxp/hub/audit/audit-routes';
import { authenticateSession, bearerToken } from '@ndxp/hub/control/auth/authenticate-session';
import { setPrincipal } from '@ndxp/hub/control/request-principal';
import { createServer, NdxpError, type HttpServer } from '@ndxp/core';
import { freePort } from './free-port.ts';
import { CITIZENS, CITIZEN_FIELDS, CITIZEN_OPENAPI, TAXPAYERS, TAXPAYER_FIELDS, TAXPAYER_OPENAPI, startDemoProvider } from './demo-provider.ts';

export const PROVIDER_SUBSYSTEM = 'BCA/npdb';
export const CONSUMER_SUBSYSTEM = 'BTC/tax';
export const SERVICE_ID = 'BCA/npdb/citizen-lookup/v1';
/** The other direction of the connection: the tax system provides, the NPDB consumes (enrichment). */
export const TAX_SERVICE_ID = 'BTC/tax/taxpayer-lookup/v1';
export const ENRICH_PURPOSE = 'npdb-enrichment';
/** What the demo consumer asks for: three of the six fields (data minimisation). */
export const CITIZEN_FIELDS_COUNT = CITIZEN_FIELDS.length;
export const ASKED_FIELDS = ['/personal_id', '/full_name', '/date_of_birth'];
export const PURPOSE = 'tax-registration';
/** Action-plan item the demo connection implements: II.9, the tax database. */
export const PLAN_ITEM = 'II.9';

export function demoPassword(username: string): string {
  const u = DEMO_USERS.find((d) => d.username === username);
  if (u === undefined) throw new Error(`no demo user ${username}`);
  return u.password;
}

export interface ConsoleHub {
  /** The hub's base URL (also its issuer), serving API and console on one origin. */
  readonly url: string;
  readonly hub: Hub;
  readonly db: Db;
  readonly consumerKey: SubsystemKey;
  /** Key of BCA/npdb as a consumer of the tax service (the other direction). */
  readonly npdbKey: SubsystemKey;
  /** The grant the demo consumer requested (state `requested`). */
  readonly grantId: string;
  /** Sign in through the API and return the session token (for checks outside the browser). */
  login(username: string): Promise<string>;
  /** Call a control-plane route in-process as `username`. */
  api<T>(username: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/**
 * The real hub, in process, on PGlite with the demo users, serving the console built in
 * `distDir`, plus a demo provider behind it and demo data made through the hub's own API:
 * provider subsystem and service, consumer subsystem with a key, and a grant request from the
 * consumer admin waiting for approval.
 */
export async function startConsoleHub(distDir: string): Promise<ConsoleHub> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The hub itself serves the console (NDXP_WEB_DIST), as `npm start` does.
  const config = loadHubConfig({ NDXP_HUB_ISSUER: url, PORT: String(port), HOST: '127.0.0.1', NDXP_DEMO: 'true', NDXP_HUB_SCRYPT_LOG_N: '10', LOG_LEVEL: 'silent', NDXP_WEB_DIST: distDir });
  const db = await openDatabase();
  const hub = await buildHub({ db, config, logger: false });

  // The audit tail (GET /api/v1/audit) exists (packages/hub/src/audit/audit-routes.ts) but buildHub
  // does not mount it yet (asked in /work/notes/hub-changes.md). Until it does, this mounts the real
  // route behind the real session check, as the control plane's scope would, on the same port;
  // once buildHub serves it, every request goes to the hub as is.
  const hubHasAudit = hub.app.hasRoute({ method: 'GET', url: '/api/v1/audit' });
  const side = createServer({ name: 'audit-tail', logger: false });
  if (!hubHasAudit) {
    await side.register(async (scope) => {
      const api = scope as unknown as HttpServer;
      api.addHook('onRequest', async (request) => {
        const token = bearerToken(request.headers.authorization);
        if (token === undefined) throw new NdxpError('AUTH_REQUIRED');
        setPrincipal(request, await authenticateSession(hub.ctx, token));
      });
      registerAuditRoutes(api, hub.ctx);
    });
  }
  await side.ready();
  const server: Server = createHttpServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    (!hubHasAudit && path === '/api/v1/audit' ? side : hub.app).routing(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

  const tokens = new Map<string, string>();
  async function login(username: string): Promise<string> {
    const res = await hub.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: demoPassword(username) } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return (res.json() as { access_token: string }).access_token;
  }
  async function api<T>(username: string, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<{ status: number; body: T }> {
    let token = tokens.get(username);
    if (token === undefined) {
      token = await login(username);
      tokens.set(username, token);
    }
    const res = await hub.app.inject({ method, url: path, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: res.statusCode, body: res.body === '' ? (undefined as T) : (res.json() as T) };
  }
  const must = async <T>(what: string, p: Promise<{ status: number; body: T }>): Promise<T> => {
    const r = await p;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  const provider = await startDemoProvider(url, PROVIDER_SUBSYSTEM, CITIZENS, 'citizens');
  const taxProvider = await startDemoProvider(url, CONSUMER_SUBSYSTEM, TAXPAYERS, 'taxpayers');
  await must('provider subsystem', api('bca.admin', 'POST', '/api/v1/members/BCA/subsystems', { code: 'npdb', name: 'Cơ sở dữ liệu quốc gia về dân cư', base_url: provider.url }));
  await must('service', api('bca.admin', 'POST', '/api/v1/services', {
    subsystem_id: PROVIDER_SUBSYSTEM,
    code: 'citizen-lookup',
    version: 'v1',
    title: 'Tra cứu thông tin công dân',
    title_en: 'Citizen lookup',
    description: 'Trả về thông tin cơ bản của công dân theo số định danh cá nhân.',
    openapi: CITIZEN_OPENAPI,
    fields: CITIZEN_FIELDS,
    data_class: 'private',
    subject_locator: { in: 'path', name: 'personal_id' },
    legal_bases: ['Luật Căn cước 2023, Điều 10', 'Nghị định 13/2023/NĐ-CP'],
  }));
  await must('consumer subsystem', api('btc.admin', 'POST', '/api/v1/members/BTC/subsystems', { code: 'tax', name: 'Hệ thống quản lý thuế', base_url: taxProvider.url }));
  const consumerKey = await generateSubsystemKey();
  await must('consumer key', api('btc.admin', 'POST', `/api/v1/subsystems/BTC/tax/keys`, { jwk: consumerKey.publicJwk }));
  const grant = await must<{ id: string }>('grant request', api('btc.admin', 'POST', '/api/v1/grants', {
    consumer_id: CONSUMER_SUBSYSTEM,
    service_id: SERVICE_ID,
    fields: ASKED_FIELDS,
    purposes: [PURPOSE],
    legal_basis: 'Luật Quản lý thuế 2019, Điều 30',
    valid_until: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    quota_per_minute: 600,
  }));

  // The other direction, already agreed and active: the tax system provides tax codes, the NPDB
  // consumes them to enrich its records ("bổ sung làm giàu").
  await must('tax service', api('operator', 'POST', '/api/v1/services', {
    subsystem_id: CONSUMER_SUBSYSTEM, code: 'taxpayer-lookup', version: 'v1', title: 'Tra cứu mã số thuế cá nhân', title_en: 'Taxpayer lookup',
    openapi: TAXPAYER_OPENAPI, fields: TAXPAYER_FIELDS, data_class: 'shared', subject_locator: { in: 'path', name: 'personal_id' }, legal_bases: ['Luật Quản lý thuế 2019'],
  }));
  const npdbKey = await generateSubsystemKey();
  await must('npdb key', api('bca.admin', 'POST', '/api/v1/subsystems/BCA/npdb/keys', { jwk: npdbKey.publicJwk }));
  const back = await must<{ id: string }>('enrichment grant', api('operator', 'POST', '/api/v1/grants', {
    consumer_id: PROVIDER_SUBSYSTEM, service_id: TAX_SERVICE_ID, fields: ['/personal_id', '/tax_code'], purposes: [ENRICH_PURPOSE],
    legal_basis: 'Nghị định 37/2021/NĐ-CP', valid_until: new Date(Date.now() + 365 * 86_400_000).toISOString(), quota_per_minute: 600,
  }));
  await must('approve enrichment', api('operator', 'POST', `/api/v1/grants/${back.id}/approve`, {}));
  await must('activate enrichment', api('operator', 'POST', `/api/v1/grants/${back.id}/activate`, {}));
  await must('plan link (provides)', api('operator', 'POST', `/api/v1/plan/${PLAN_ITEM}/links`, { role: 'provides', service_id: TAX_SERVICE_ID, consumer_id: PROVIDER_SUBSYSTEM }));

  // The demo connection is action-plan item II.9 (tax administration uses the population data).
  await must('plan link', api('operator', 'POST', `/api/v1/plan/${PLAN_ITEM}/links`, { role: 'consumes', service_id: SERVICE_ID, consumer_id: CONSUMER_SUBSYSTEM, note: 'Kết nối thử nghiệm của bảng điều khiển' }));

  return {
    url,
    hub,
    db,
    consumerKey,
    npdbKey,
    grantId: grant.id,
    login,
    api,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await side.close();
      await provider.close();
      await taxProvider.close();
      await hub.close();
      await db.close();
    },
  };
}
