import { DEMO_USERS } from '@ndxp/hub';
import { createConsumer, generateSubsystemKey } from '@ndxp/sdk';
import { login } from '../../packages/cli/src/api-client.ts';
import { ensureActiveGrant, ensureKey, ensureService, ensureSubsystem } from '../../packages/cli/src/platform/ensure.ts';
import { NPDB_SUBSYSTEM, npdbRegistrations } from '../../packages/cli/src/platform/npdb-registrations.ts';

/** The service and purpose every hub benchmark calls. */
export const BENCH_SERVICE = 'BCA/npdb/citizen-verify/v1';
export const BENCH_PURPOSE = 'tax-registration';

/**
 * Register the NPDB and a tax-office consumer (BTC/tax) through the hub's own API, as agencies
 * would, with an active grant on the verify service walked through the real lifecycle; return the
 * grant and a data-plane access token for the consumer.
 */
export async function registerNpdbConsumer(hubUrl: string, npdbUrl: string): Promise<{ grantId: string; token: string }> {
  const pw = (u: string): string => DEMO_USERS.find((d) => d.username === u)?.password ?? '';
  const sessions = { operator: await login(hubUrl, 'operator', pw('operator')), provider: await login(hubUrl, 'bca.admin', pw('bca.admin')), consumer: await login(hubUrl, 'btc.admin', pw('btc.admin')) };
  await ensureSubsystem(sessions.provider, NPDB_SUBSYSTEM, 'CSDL quốc gia về dân cư', npdbUrl);
  for (const s of await npdbRegistrations()) await ensureService(sessions.provider, s);
  await ensureSubsystem(sessions.consumer, 'BTC/tax', 'Hệ thống đăng ký thuế', null);
  const key = await generateSubsystemKey();
  await ensureKey(sessions.consumer, 'BTC/tax', key.publicJwk);
  const grantId = await ensureActiveGrant(sessions, {
    consumer_id: 'BTC/tax', service_id: BENCH_SERVICE, fields: ['/match', '/fields', '/deceased'], purposes: [BENCH_PURPOSE],
    legal_basis: 'Luật Quản lý thuế 38/2019/QH14', valid_until: new Date(Date.now() + 86_400_000).toISOString(), quota_per_minute: 1_000_000,
  });
  const token = await createConsumer({ hubUrl, clientId: 'BTC/tax', kid: key.kid, privateKey: key.privateJwk }).accessToken();
  return { grantId, token };
}
