// The NPDB provider for benchmarks, guarded by hub assertions like in production. Replay
// memory is off so the direct and nginx baselines can reuse one pre-minted assertion: the
// provider does the same signature verification in all three configurations.
import { startNpdb } from '@ndxp/npdb';
import { hubGuard } from '@ndxp/sdk';

const hubUrl = process.env['BENCH_HUB_URL'] ?? '';
const guard = hubGuard({ jwksUrl: `${hubUrl}/.well-known/jwks.json`, issuer: hubUrl, audience: 'BCA/npdb', rejectReplays: false });
const npdb = await startNpdb({ guard });
process.send?.({ ready: npdb.url });
