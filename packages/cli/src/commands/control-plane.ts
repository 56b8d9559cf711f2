import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { generateSubsystemKey } from '@ndxp/sdk';
import { api, loadSession, login, saveSession } from '../api-client.ts';
import { readPassword } from '../read-password.ts';
import { writeCredentials } from '../credentials.ts';
import { print } from '../print.ts';

const splitList = (value: string): string[] => value.split(',').map((s) => s.trim()).filter((s) => s !== '');

/** `ndxp login|member|subsystem|key|service|grant …`: the control plane over its HTTP API. */
export function registerControlPlaneCommands(program: Command): void {
  program
    .command('login')
    .description('Sign in to the hub control plane (Đăng nhập)')
    .requiredOption('--hub <url>', 'hub base URL', process.env['NDXP_HUB_URL'] ?? 'http://127.0.0.1:8080')
    .requiredOption('-u, --user <username>')
    .option('-p, --password-env <name>', 'read the password from this environment variable instead of a prompt')
    .action(async (o: { hub: string; user: string; passwordEnv?: string }) => {
      const password = o.passwordEnv !== undefined ? process.env[o.passwordEnv] ?? '' : await readPassword(`Mật khẩu / password for ${o.user}: `);
      await saveSession(await login(o.hub, o.user, password));
      console.log(`Đã đăng nhập / signed in as ${o.user} at ${o.hub}`);
    });

  const member = program.command('member').description('Members (agencies)');
  member.command('create <code> <name>').option('--name-en <name>').action(async (code: string, name: string, o: { nameEn?: string }) => {
    print(await api(await loadSession(), 'POST', '/api/v1/members', { code, name, ...(o.nameEn ? { name_en: o.nameEn } : {}) }));
  });
  member.command('list').action(async () => print(await api(await loadSession(), 'GET', '/api/v1/members')));

  const subsystem = program.command('subsystem').description('Subsystems (agency systems)');
  subsystem
    .command('create <member> <code> <name>')
    .option('--base-url <url>', 'where the hub forwards calls to this provider')
    .action(async (memberCode: string, code: string, name: string, o: { baseUrl?: string }) => {
      print(await api(await loadSession(), 'POST', `/api/v1/members/${encodeURIComponent(memberCode)}/subsystems`, { code, name, ...(o.baseUrl ? { base_url: o.baseUrl } : {}) }));
    });
  subsystem.command('list').option('--member <code>').action(async (o: { member?: string }) => {
    print(await api(await loadSession(), 'GET', `/api/v1/subsystems${o.member ? `?member=${encodeURIComponent(o.member)}` : ''}`));
  });

  const key = program.command('key').description('Subsystem signing keys (private_key_jwt, RFC 7523)');
  key
    .command('generate <subsystem-id>')
    .description('Generate an ES256 key pair, register the public half with the hub, write the private half to a 0600 file')
    .requiredOption('--out <file>', 'credentials file to write')
    .option('--no-register', 'only generate and write the file')
    .action(async (id: string, o: { out: string; register: boolean }) => {
      const k = await generateSubsystemKey();
      if (o.register) {
        const [m, s] = id.split('/');
        print(await api(await loadSession(), 'POST', `/api/v1/subsystems/${encodeURIComponent(m ?? '')}/${encodeURIComponent(s ?? '')}/keys`, { jwk: k.publicJwk }));
      }
      await writeCredentials(o.out, { client_id: id, private_jwk: k.privateJwk });
      console.log(`kid ${k.kid} → ${o.out}`);
    });
  key
    .command('retire <subsystem-id> <kid>')
    .option('--at <iso-time>', 'retire at this time (overlap for rotation); default now')
    .action(async (id: string, kid: string, o: { at?: string }) => {
      const [m, s] = id.split('/');
      print(await api(await loadSession(), 'POST', `/api/v1/subsystems/${m}/${s}/keys/${encodeURIComponent(kid)}/retire`, o.at ? { not_after: o.at } : {}));
    });

  const service = program.command('service').description('Service catalogue');
  service
    .command('register <descriptor.json>')
    .description('Register a service from a JSON descriptor (subsystem_id, code, version, title, openapi, fields, data_class, subject_locator, legal_bases)')
    .action(async (file: string) => print(await api(await loadSession(), 'POST', '/api/v1/services', JSON.parse(await readFile(file, 'utf8')))));
  service
    .command('search [query]')
    .option('--member <code>')
    .option('--data-class <class>')
    .action(async (q: string | undefined, o: { member?: string; dataClass?: string }) => {
      const params = new URLSearchParams();
      if (q) params.set('q', q);
      if (o.member) params.set('member', o.member);
      if (o.dataClass) params.set('data_class', o.dataClass);
      print(await api(await loadSession(), 'GET', `/api/v1/services?${params.toString()}`));
    });

  const grant = program.command('grant').description('Grants: request → approve → activate → revoke');
  grant
    .command('request <consumer-id> <service-id>')
    .requiredOption('--fields <pointers>', 'comma-separated JSON pointers, e.g. /full_name,/date_of_birth')
    .requiredOption('--purposes <codes>', 'comma-separated purpose codes')
    .requiredOption('--legal-basis <text>')
    .requiredOption('--until <iso-time>', 'end of validity')
    .option('--quota <n>', 'calls per minute', '600')
    .action(async (consumer: string, serviceId: string, o: { fields: string; purposes: string; legalBasis: string; until: string; quota: string }) => {
      print(await api(await loadSession(), 'POST', '/api/v1/grants', {
        consumer_id: consumer, service_id: serviceId, fields: splitList(o.fields), purposes: splitList(o.purposes),
        legal_basis: o.legalBasis, valid_until: new Date(o.until).toISOString(), quota_per_minute: Number(o.quota),
      }));
    });
  for (const action of ['approve', 'activate', 'revoke'] as const) {
    grant.command(`${action} <grant-id>`).option('--note <text>').action(async (id: string, o: { note?: string }) => {
      print(await api(await loadSession(), 'POST', `/api/v1/grants/${id}/${action}`, o.note ? { note: o.note } : {}));
    });
  }
  grant.command('reject <grant-id>').requiredOption('--reason <text>').action(async (id: string, o: { reason: string }) => {
    print(await api(await loadSession(), 'POST', `/api/v1/grants/${id}/reject`, { reason: o.reason }));
  });
  grant.command('list').option('--state <state>').action(async (o: { state?: string }) => {
    print(await api(await loadSession(), 'GET', `/api/v1/grants${o.state ? `?state=${o.state}` : ''}`));
  });
  grant.command('show <grant-id>').action(async (id: string) => print(await api(await loadSession(), 'GET', `/api/v1/grants/${id}`)));
}
