import { describe, expect, it } from 'vitest';
import { createScratchDatabase, dropScratchDatabase, testBackends, testPostgresUrl } from '@ndxp/db';
import { startHub } from './start-hub.ts';

describe.each(testBackends())('startHub on %s', (kind) => {
  it('parses the environment, warns about insecure settings, serves over real HTTP, and stops cleanly', async () => {
    const admin = testPostgresUrl();
    const url = kind === 'postgres' && admin !== undefined ? await createScratchDatabase(admin) : undefined;
    const warnings: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      warnings.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    let started: Awaited<ReturnType<typeof startHub>> | undefined;
    try {
      // PGlite's in-memory data directory keeps the test fast; a path works the same way.
      started = await startHub({ PORT: '0', NDXP_DATA_DIR: 'memory://', LOG_LEVEL: 'silent', NDXP_HUB_SCRYPT_LOG_N: '8', NDXP_DEMO: 'true', ...(url === undefined ? {} : { DATABASE_URL: url }) }, { handleSignals: false });
    } finally {
      process.stderr.write = write;
    }
    try {
      const text = warnings.join('');
      expect(text).toMatch(/INSECURE/);
      for (const s of ['NDXP_HUB_KEK', 'NDXP_AUDIT_SUBJECT_KEY', 'NDXP_DEMO', 'NDXP_HUB_SCRYPT_LOG_N']) expect(text).toContain(s);
      const jwks = await fetch(`${started.url}/.well-known/jwks.json`);
      expect(jwks.status).toBe(200);
      expect(((await jwks.json()) as { keys: unknown[] }).keys).toHaveLength(1);
      const login = await fetch(`${started.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'operator', password: 'ndxp-demo-operator' }) });
      expect(login.status).toBe(200);
    } finally {
      await started.stop();
      await started.stop();
      if (url !== undefined && admin !== undefined) await dropScratchDatabase(admin, url);
    }
    await expect(fetch(`${started.url}/.well-known/jwks.json`)).rejects.toThrow();
  });

  it('refuses to start with invalid configuration', async () => {
    await expect(startHub({ PORT: 'eighty' }, { handleSignals: false })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
