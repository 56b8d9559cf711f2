import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_USERS } from '@ndxp/hub';
import { startPlatform, DEMO_PURPOSE } from '../platform/start-platform.ts';

const WEB_DIST = fileURLToPath(new URL('../../../../apps/web/dist', import.meta.url));

/** `ndxp start`: the whole platform in one process on embedded databases, with demo data. */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Start hub + NPDB with seeded demo data (Khởi động nền tảng với dữ liệu mẫu)')
    .option('--data-dir <dir>', 'where embedded databases and demo credentials live', '.ndxp')
    .option('--hub-port <port>', 'hub port', '8080')
    .option('--npdb-port <port>', 'NPDB port', '8082')
    .option('--people <n>', 'synthetic people seeded into an empty NPDB', '100000')
    .option('--seed <text>', 'generator seed (same seed, same people)', 'ndxp-demo')
    .option('--log-level <level>', 'log level of the services', 'warn')
    .action(async (o: { dataDir: string; hubPort: string; npdbPort: string; people: string; seed: string; logLevel: string }) => {
      const started = Date.now();
      console.log(`NDXP đang khởi động… / starting… (first start seeds ${Number(o.people).toLocaleString('vi-VN')} synthetic people)`);
      const platform = await startPlatform({
        dataDir: o.dataDir,
        hubPort: Number(o.hubPort),
        npdbPort: Number(o.npdbPort),
        people: Number(o.people),
        seed: o.seed,
        logLevel: o.logLevel,
        ...(existsSync(`${WEB_DIST}/index.html`) ? { webDistDir: WEB_DIST } : {}),
      });
      const hub = platform.hubUrl;
      const operator = DEMO_USERS.find((u) => u.role === 'operator');
      console.log(`
NDXP sẵn sàng / ready in ${((Date.now() - started) / 1000).toFixed(1)} s

  Bảng điều khiển / console     ${hub}/
  Hub API (OpenAPI 3.1)          ${hub}/openapi.json
  Danh mục dịch vụ / catalogue   ${hub}/public/v1/services
  JWKS                           ${hub}/.well-known/jwks.json
  Metrics (Prometheus)           ${hub}/metrics
  NPDB (chỉ nhận qua hub)        ${platform.npdbUrl}/openapi.json

  Demo sign-in: ${operator?.username} / ${operator?.password}  (also bca.admin, btc.admin; see README)

Thử một lần gọi qua hub / try a call through the hub (in another terminal):

  npx ndxp call BCA/npdb/citizen-lookup/v1 /v1/citizens/${platform.examplePersonalId} \\
    --credentials ${platform.consumerCredentialsFile} --purpose ${DEMO_PURPOSE}

Dừng / stop: Ctrl+C`);
      const stop = () => {
        platform.stop().then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
