import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { createConsumer, NdxpCallError } from '@ndxp/sdk';
import { readCredentials } from '../credentials.ts';

/** `ndxp call <service-id> <path>`: one exchange through the hub, as a consumer subsystem. */
export function registerCallCommand(program: Command): void {
  program
    .command('call <service-id> <path>')
    .description('Call a service through the hub (Gọi dịch vụ qua nền tảng)')
    .requiredOption('--credentials <file>', 'client credentials file written by "ndxp key generate"')
    .requiredOption('--purpose <code>', 'purpose of use, must be in the grant')
    .option('--hub <url>', 'hub base URL', process.env['NDXP_HUB_URL'] ?? 'http://127.0.0.1:8080')
    .option('--fields <pointers>', 'comma-separated JSON pointers to ask for (default: all granted)')
    .option('-X, --method <method>', 'HTTP method', 'GET')
    .option('-d, --data <json|@file>', 'JSON request body')
    .action(async (serviceId: string, path: string, o: { credentials: string; purpose: string; hub: string; fields?: string; method: string; data?: string }) => {
      const creds = await readCredentials(o.credentials);
      const consumer = createConsumer({ hubUrl: o.hub, clientId: creds.client_id, kid: creds.private_jwk.kid, privateKey: creds.private_jwk });
      const body = o.data === undefined ? undefined : JSON.parse(o.data.startsWith('@') ? await readFile(o.data.slice(1), 'utf8') : o.data);
      try {
        const result = await consumer.call(serviceId, path, {
          purpose: o.purpose,
          method: o.method.toUpperCase() as 'GET' | 'POST',
          ...(o.fields ? { fields: o.fields.split(',') } : {}),
          ...(body === undefined ? {} : { body }),
        });
        console.error(`HTTP ${result.status} · request ${result.requestId ?? '-'} · log index ${result.logIndex ?? '-'}`);
        console.log(JSON.stringify(result.body, null, 2));
      } catch (error) {
        if (error instanceof NdxpCallError) {
          console.error(`HTTP ${error.status}`);
          console.log(JSON.stringify(error.problem, null, 2));
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    });
}
