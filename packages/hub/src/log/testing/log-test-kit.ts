import { createServer, unsafeBrand, type SubsystemId } from '@ndxp/core';
import type { DbKind } from '@ndxp/db';
import { hubGuard } from '@ndxp/sdk';
import { openTestHub, type TestHub } from '../../app/test-hub.ts';
import { issueAccessToken } from '../../identity/issue-access-token.ts';
import { eventually, insertGrant, insertService, insertSubsystem } from '../../state/test-fixtures.ts';

/** The service every log test calls: a citizen lookup whose subject is the path's personal ID. */
export const LOOKUP = 'BCA/npdb/citizen-lookup/v1';
export const CONSUMER = 'BTC/tax';
export const PURPOSE = 'tax-registration';
export const LEGAL_BASIS = 'Luật Quản lý thuế 38/2019/QH14, Điều 8';

/** What a consumer saw of one exchange. */
export interface SeenExchange {
  readonly status: number;
  /** `x-ndxp-log-index`, when the hub logged the exchange. */
  readonly index: number | undefined;
  readonly requestId: string;
  readonly body: string;
}

export interface LogTestHub extends TestHub {
  /** A data-plane call by the consumer about `personalId`, through the real pipeline. */
  lookup(personalId: string, options?: { readonly purpose?: string; readonly fields?: string }): Promise<SeenExchange>;
}

/**
 * A whole hub (buildHub on a fresh test database, fixed clock) with a provider behind `hubGuard`,
 * a consumer with an active grant, and the transparency log's timer off: tests integrate with
 * `hub.log.integrate()`, so every step is deterministic. Nothing is mocked.
 */
export async function openLogTestHub(kind: DbKind, env: Readonly<Record<string, string>> = {}): Promise<LogTestHub> {
  const t = await openTestHub(kind, { NDXP_LOG_INTEGRATION: 'false', NDXP_AUDIT_SUBJECT_KEY: Buffer.alloc(32, 9).toString('base64'), ...env });
  const { hub, db, clock, config } = t;
  const provider = createServer({ name: 'provider', logger: false });
  provider.addHook('onRequest', hubGuard({ jwks: hub.ctx.keyring.publicJwks(), issuer: config.issuer, audience: 'BCA/npdb', clock }));
  provider.get('/api/v1/citizens/:pid', async (request) => {
    const { pid } = request.params as { pid: string };
    return { personal_id: pid, full_name: 'Nguyễn Văn An', date_of_birth: '2003-05-01' };
  });
  const providerUrl = await provider.listen({ port: 0, host: '127.0.0.1' });
  try {
    await insertSubsystem(db, 'BCA/npdb', `${providerUrl}/api`);
    await insertSubsystem(db, CONSUMER);
    await insertService(db, { id: LOOKUP, fields: ['/personal_id', '/full_name', '/date_of_birth'], paths: ['/v1/citizens/{pid}'], subjectLocator: { in: 'path', name: 'pid' } });
    await insertGrant(db, { consumer: CONSUMER, service: LOOKUP, fields: ['/full_name', '/date_of_birth'], purposes: [PURPOSE], validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z', legalBasis: LEGAL_BASIS, quotaPerMinute: 1_000_000 });
    await eventually(() => hub.state.grants(CONSUMER, LOOKUP).length === 1, 'grant in the state cache');
  } catch (error) {
    await provider.close();
    await t.close();
    throw error;
  }
  return {
    ...t,
    async lookup(personalId, options = {}) {
      const { accessToken } = await issueAccessToken(hub.ctx.keyring, config.issuer, unsafeBrand<'SubsystemId'>(CONSUMER) as SubsystemId, clock.now(), 300);
      const res = await hub.app.inject({
        method: 'GET',
        url: `/x/${LOOKUP}/v1/citizens/${personalId}`,
        headers: { authorization: `Bearer ${accessToken}`, 'x-ndxp-purpose': options.purpose ?? PURPOSE, ...(options.fields === undefined ? {} : { 'x-ndxp-fields': options.fields }) },
      });
      const index = res.headers['x-ndxp-log-index'];
      return { status: res.statusCode, index: index === undefined ? undefined : Number(index), requestId: String(res.headers['x-request-id']), body: res.body };
    },
    async close() {
      await provider.close();
      await t.close();
    },
  };
}
