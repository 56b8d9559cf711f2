import { afterAll, describe, expect, it } from 'vitest';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase, dropScratchDatabase, testPostgresUrl } from '@ndxp/db';
import { bytesEqual, decodeBase64, encodeUtf8, hashLeaf, noteVerifiers, openCheckpoint, parseVerifierKey, rootHash, verifyConsistency, verifyInclusion, type NoteVerifiers } from '@ndxp/ledger';
import { freePort } from '../exchange/test-kit.ts';
import { LOOKUP, PURPOSE } from './testing/log-test-kit.ts';

const CHILD = fileURLToPath(new URL('./testing/crash-hub-process.ts', import.meta.url));

interface Delivered { readonly index: number; readonly requestId: string }

/**
 * Crash test: load through a hub in a child process, SIGKILL it mid-run, restart it on the same
 * database. Every exchange whose response reached the client (2xx with x-ndxp-log-index) must be in
 * the log, and everything the log signed before the crash must be consistent with what it signs
 * after. PostgreSQL when NDXP_TEST_POSTGRES_URL is set, otherwise a PGlite data directory.
 * Real time here (a real process under load), but nothing is asserted about timing.
 */
describe('transparency log across kill -9 of the hub', () => {
  const admin = testPostgresUrl();
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  let dbUrl: string | undefined;

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
    if (admin !== undefined && dbUrl !== undefined) await dropScratchDatabase(admin, dbUrl).catch(() => undefined);
  });

  it(`keeps every delivered exchange and stays consistent (${admin === undefined ? 'PGlite data directory' : 'PostgreSQL'})`, async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    if (admin !== undefined) dbUrl = await createScratchDatabase(admin);
    else dataDir = await mkdtemp(join(tmpdir(), 'ndxp-crash-'));
    const env = {
      ...process.env,
      ...(dbUrl !== undefined ? { DATABASE_URL: dbUrl } : { NDXP_DATA_DIR: join(dataDir as string, 'hub') }),
      PORT: String(port), HOST: '127.0.0.1', NDXP_HUB_ISSUER: base, LOG_LEVEL: 'silent',
      NDXP_HUB_KEK: Buffer.alloc(32, 5).toString('base64'), NDXP_AUDIT_SUBJECT_KEY: Buffer.alloc(32, 6).toString('base64'),
      NDXP_LOG_INTERVAL_MS: '100', NDXP_HUB_SCRYPT_LOG_N: '8',
    };
    const start = async (): Promise<string> => {
      const c = fork(CHILD, [], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      child = c;
      return new Promise<string>((resolve, reject) => {
        c.once('message', (m: { token?: string }) => (m.token !== undefined ? resolve(m.token) : reject(new Error('bad ready message'))));
        c.once('exit', (code, signal) => reject(new Error(`hub process exited (${code ?? signal}) before it was ready`)));
      });
    };

    // 1. Load, watching the checkpoints the log publishes, until the process is killed.
    const token = await start();
    const delivered: Delivered[] = [];
    const checkpointsBefore = new Set<string>();
    let killed = false;
    const pid = (n: number) => `0010990${String(n % 100000).padStart(5, '0')}`;
    let counter = 0;
    const worker = async (): Promise<void> => {
      while (!killed) {
        try {
          const res = await fetch(`${base}/x/${LOOKUP}/v1/citizens/${pid(counter++)}`, { headers: { authorization: `Bearer ${token}`, 'x-ndxp-purpose': PURPOSE } });
          const body = await res.text();
          const index = res.headers.get('x-ndxp-log-index');
          // Delivered = the client has the whole response: status, headers and body.
          if (res.status === 200 && index !== null && body.length > 0) delivered.push({ index: Number(index), requestId: res.headers.get('x-request-id') ?? '' });
        } catch {
          // Connection refused or reset by the kill: not delivered.
        }
      }
    };
    const watcher = async (): Promise<void> => {
      while (!killed) {
        try {
          const res = await fetch(`${base}/log/v1/checkpoint`);
          if (res.ok) checkpointsBefore.add(await res.text());
        } catch {
          // The hub is gone.
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const load = [...Array.from({ length: 12 }, worker), watcher()];
    // Kill once a fair amount of traffic went through and at least a few checkpoints were seen.
    while (delivered.length < 400 || checkpointsBefore.size < 3) await new Promise((r) => setTimeout(r, 20));
    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    killed = true;
    await Promise.all(load);
    expect(child!.signalCode).toBe('SIGKILL');

    // 2. Restart on the same database; the integrator picks up what was committed before the crash.
    await start();
    const lastDelivered = Math.max(...delivered.map((d) => d.index));
    let latest = '';
    let size = 0;
    const keys = await (await fetch(`${base}/log/v1/keys`)).json() as { origin: string; keys: { verifier_key: string }[] };
    const verifiers: NoteVerifiers = noteVerifiers(keys.keys.map((k) => parseVerifierKey(k.verifier_key)));
    for (let i = 0; i < 300 && size <= lastDelivered; i++) {
      latest = await (await fetch(`${base}/log/v1/checkpoint`)).text();
      size = openCheckpoint(latest, verifiers, { origin: keys.origin }).checkpoint.size;
      if (size <= lastDelivered) await new Promise((r) => setTimeout(r, 100));
    }
    expect(size).toBeGreaterThan(lastDelivered);
    const root = openCheckpoint(latest, verifiers).checkpoint.rootHash;

    // 3. Every delivered exchange is in the log, at the index its response carried, provably.
    const texts: string[] = [];
    for (let start = 0; start < size; start += 1000) {
      const page = await (await fetch(`${base}/log/v1/entries?start=${start}&end=${Math.min(size, start + 1000)}`)).json() as { entries: { index: number; entry: string }[] };
      for (const e of page.entries) texts[e.index] = e.entry;
    }
    expect(texts.filter((x) => x !== undefined)).toHaveLength(size);
    const leaves = texts.map((x) => hashLeaf(encodeUtf8(x)));
    expect(bytesEqual(rootHash(leaves), root)).toBe(true);
    for (const d of delivered) {
      expect((JSON.parse(texts[d.index]!) as { request_id: string }).request_id).toBe(d.requestId);
    }
    for (const d of delivered.filter((_, i) => i % 25 === 0)) {
      const p = await (await fetch(`${base}/log/v1/proof/inclusion?index=${d.index}`)).json() as { tree_size: number; proof: string[] };
      expect(verifyInclusion({ index: d.index, size: p.tree_size, leafHash: leaves[d.index]!, proof: p.proof.map((x) => decodeBase64(x)), rootHash: rootHash(leaves.slice(0, p.tree_size)) })).toBe(true);
    }

    // 4. Every checkpoint seen before the crash is consistent with the one after it.
    for (const note of checkpointsBefore) {
      const before = openCheckpoint(note, verifiers, { origin: keys.origin }).checkpoint;
      expect(before.size).toBeLessThanOrEqual(size);
      const p = await (await fetch(`${base}/log/v1/proof/consistency?from=${before.size}&to=${size}`)).json() as { proof: string[] };
      expect(verifyConsistency({ size1: before.size, size2: size, root1: before.rootHash, root2: root, proof: p.proof.map((x) => decodeBase64(x)) })).toBe(true);
      expect(bytesEqual(before.rootHash, rootHash(leaves.slice(0, before.size)))).toBe(true);
    }
    child!.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  });
});
