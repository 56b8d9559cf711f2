import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JWK } from 'jose';

/**
 * A subsystem's client credentials file: its id and its private signing key (JWK with kid).
 * Written with mode 0600; it is the only secret a subsystem holds (no shared secrets with the hub).
 */
export interface ClientCredentials {
  readonly client_id: string;
  readonly private_jwk: JWK & { readonly kid: string };
}

export async function writeCredentials(file: string, credentials: ClientCredentials): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
}

export async function readCredentials(file: string): Promise<ClientCredentials> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<ClientCredentials>;
  if (typeof parsed.client_id !== 'string' || typeof parsed.private_jwk?.kid !== 'string') {
    throw new Error(`${file} is not an NDXP client credentials file (needs client_id and private_jwk with kid)`);
  }
  return parsed as ClientCredentials;
}
