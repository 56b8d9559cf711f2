import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testBackends, type Db } from '@ndxp/db';
import { createFakeHubSigner } from '../testing/fake-hub-signer.ts';
import { AdapterConfigError, formatIssue } from './adapter-config-error.ts';
import { checkAdapterFiles } from './check-adapter-files.ts';
import { serveAdapters } from './serve-adapters.ts';

const config = (code: string, column = 'name') => `service:
  code: ${code}
  version: v1
  title: { vi: Hộ kinh doanh, en: Household businesses }
  data_class: shared
  legal_bases: [Nghị định 168/2025/NĐ-CP]
request:
  method: GET
  path: /v1/owners/:personal_id/businesses
  params:
    type: object
    required: [personal_id]
    properties:
      personal_id: { type: string, pattern: '^[0-9]{12}$', x-error-code: PERSONAL_ID_MALFORMED }
subject_locator: { in: path, name: personal_id }
source:
  sql: SELECT business_no, name, opened_on FROM household_businesses WHERE owner_id = :personal_id ORDER BY business_no
result: many
field_mapping:
  /business_no: business_no
  /name: ${column}
  /opened_on: { column: opened_on, transform: date }
`;

describe.each(testBackends())('serving adapter files on %s', (kind) => {
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await db.exec(`CREATE TABLE household_businesses (business_no text PRIMARY KEY, owner_id text NOT NULL, name text NOT NULL, opened_on date NOT NULL);
      INSERT INTO household_businesses VALUES ('01A8012345', '001090000001', 'Tạp hóa Minh An', '2019-05-02'), ('01A8012346', '001090000001', 'Quán phở Gánh', '2021-01-15');`);
    dir = await mkdtemp(join(tmpdir(), 'ndxp-adapter-'));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('checks every file and reports all issues, including two files publishing the same service', async () => {
    await writeFile(join(dir, 'good.yaml'), config('household-businesses'));
    await writeFile(join(dir, 'bad.yaml'), config('other', 'business_name'));
    await writeFile(join(dir, 'twin.yaml'), config('household-businesses'));
    const { loaded, issues } = await checkAdapterFiles([join(dir, 'good.yaml'), join(dir, 'bad.yaml'), join(dir, 'twin.yaml')], { db });
    expect(loaded.map((a) => a.file)).toEqual(['good.yaml', 'twin.yaml']);
    expect(issues.map(formatIssue)).toEqual([
      'bad.yaml:21:10: field_mapping./name: unknown column "business_name" (did you mean "business_no"?); the query returns: business_no, name, opened_on',
      'twin.yaml:1:1: service: household-businesses/v1 is also published by good.yaml',
    ]);
    await expect(serveAdapters({ files: [join(dir, 'bad.yaml')], subsystemId: 'X/y', hub: { jwks: { keys: [] }, issuer: 'http://hub.test' }, db })).rejects.toBeInstanceOf(AdapterConfigError);
  });

  it('serves the files as a provider that answers only the hub, with only the granted fields', async () => {
    const hub = await createFakeHubSigner();
    const served = await serveAdapters({ files: [join(dir, 'good.yaml')], subsystemId: 'UBND01/business', hub: { jwks: hub.jwks, issuer: hub.issuer }, db });
    expect(served.descriptors.map((d) => d.fields)).toEqual([['/items/*/business_no', '/items/*/name', '/items/*/opened_on']]);
    const path = '/v1/owners/001090000001/businesses';
    const headers = await hub.headers({ audience: 'UBND01/business', consumer: 'BCA/npdb', service: 'UBND01/business/household-businesses/v1', purpose: 'verify', fields: ['/items/*/name'], method: 'GET', target: path });
    const res = await fetch(`${served.url}${path}`, { headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [{ name: 'Tạp hóa Minh An' }, { name: 'Quán phở Gánh' }] });
    const direct = await fetch(`${served.url}${path}`);
    expect(direct.status).toBe(401);
    expect((await direct.json()).code).toBe('HUB_ASSERTION_INVALID');
    await served.close();
  });
});
