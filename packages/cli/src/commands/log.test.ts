import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { testBackends } from '@ndxp/db';
import { decodeEntryBundle, encodeEntryBundle, encodeUtf8, generateNoteKey, parseNote, parseSignerKey, signNote, type LogProblem } from '@ndxp/ledger';
import { openLogTestHub, type LogTestHub } from '@ndxp/hub/log/testing/log-test-kit';
import { TEST_OPERATOR_PASSWORD } from '@ndxp/hub/app/test-hub';
import { exportLog, formatReport, readVerifierFile, verifyLogCommand, type VerifyReport } from './log.ts';

const run = promisify(execFile);
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const TABLES = ['audit_log', 'audit_log_state', 'log_leaves', 'log_nodes', 'log_tree', 'log_checkpoints', 'log_keys'] as const;
const PEOPLE = ['001203012345', '079187654321', '048095000111', '001099000222'];

const codes = (r: VerifyReport): string[] => [...new Set(r.result.problems.map((p) => p.code))].sort();
const first = (r: VerifyReport, code: string): LogProblem => {
  const p = r.result.problems.find((x) => x.code === code);
  if (p === undefined) throw new Error(`no ${code} in ${JSON.stringify(r.result.problems)}`);
  return p;
};

/**
 * The verifier against a real hub over real HTTP, on a real database that an attacker with
 * database access then tampers with. Each case starts from the same clean log (restored from a
 * backup taken inside the database) and a copy of the state saved by a clean run.
 */
describe.each(testBackends())('ndxp log verify against a tampered %s database', (kind) => {
  let t: LogTestHub;
  let url: string;
  let dir: string;
  let cleanState: string;

  const verify = async (extra: { state?: boolean; keys?: string[] } = {}) => {
    const statePath = join(dir, `state-${Math.random().toString(36).slice(2)}.json`);
    if (extra.state !== false) await copyFile(cleanState, statePath);
    return verifyLogCommand({ location: { hub: url }, statePath, pageSize: 16, ...(extra.keys === undefined ? {} : { keys: extra.keys }) });
  };
  const restore = async () => {
    await t.db.transaction(async (tx) => {
      for (const table of TABLES) {
        await tx.query(`DELETE FROM ${table}`);
        await tx.query(`INSERT INTO ${table} SELECT * FROM backup_${table}`);
      }
    });
    t.hub.log.tiles.clear();
  };

  beforeAll(async () => {
    t = await openLogTestHub(kind);
    url = await t.hub.app.listen({ port: 0, host: '127.0.0.1' });
    dir = await mkdtemp(join(tmpdir(), 'ndxp-log-verify-'));
    // 40 real exchanges through the data plane, a checkpoint after every 10.
    for (let i = 0; i < 40; i++) {
      const r = await t.lookup(PEOPLE[i % PEOPLE.length]!);
      expect(r.index).toBe(i);
      if (i % 10 === 9) await t.hub.log.integrate();
    }
    for (const table of TABLES) await t.db.query(`CREATE TABLE backup_${table} AS SELECT * FROM ${table}`);
    cleanState = join(dir, 'clean-state.json');
    const clean = await verifyLogCommand({ location: { hub: url }, statePath: cleanState });
    expect(clean.result.problems).toEqual([]);
    expect(clean).toMatchObject({ ok: true, trustOnFirstUse: true });
    expect(clean.result).toMatchObject({ entriesChecked: 40, checkpointsSeen: 5, checkpointsVerified: 5, verifiedSize: 40 });
  });
  afterAll(async () => {
    await t?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('pins the keys on first use and verifies again from the saved state', async () => {
    const saved = await readVerifierFile(cleanState);
    expect(saved?.keys).toHaveLength(1);
    expect(saved?.verifier.checkpoint?.size).toBe(40);
    await t.lookup(PEOPLE[0]!);
    await t.hub.log.integrate();
    const again = await verify();
    expect(again).toMatchObject({ ok: true, trustOnFirstUse: false });
    expect(again.result.verifiedSize).toBe(41);
    expect(formatReport(again).join('\n')).toContain('hợp lệ / log verified: 41');
    await restore();
  });

  it('names the entry when one field of one entry is changed', async () => {
    const { rows } = await t.db.query<{ entry: string }>('SELECT entry FROM audit_log WHERE seq = 17');
    expect(rows[0]!.entry).toContain('"purpose":"tax-registration"');
    await t.db.query(`UPDATE audit_log SET entry = replace(entry, '"purpose":"tax-registration"', '"purpose":"tax-refund"') WHERE seq = 17`);
    try {
      const r = await verify();
      expect(r.ok).toBe(false);
      expect(codes(r)).toEqual(['ROOT_MISMATCH']);
      expect(first(r, 'ROOT_MISMATCH')).toMatchObject({ entryIndex: 17, location: { kind: 'MODIFIED', method: 'leaf-hashes' } });
      // Nothing after the damage is vouched for: the saved state stays where the clean run left it.
      expect(r.result.state.checkpoint?.size).toBe(40);
      expect(formatReport(r).join('\n')).toContain('mục/entry 17 (MODIFIED)');
    } finally {
      await restore();
    }
  });

  it('names the entry when one is deleted, and when the rest are renumbered to hide the hole', async () => {
    await t.db.query('DELETE FROM audit_log WHERE seq = 23');
    try {
      const r = await verify();
      expect(codes(r)).toContain('ENTRY_MISSING');
      expect(first(r, 'ENTRY_MISSING').entryIndex).toBe(23);
      // Close the hole: later entries move down by one, as if entry 23 had never existed.
      await t.db.query('UPDATE audit_log SET seq = seq + 999 WHERE seq > 23');
      await t.db.query('UPDATE audit_log SET seq = seq - 1000 WHERE seq > 999');
      const renumbered = await verify();
      expect(renumbered.ok).toBe(false);
      const located = renumbered.result.problems.find((p) => p.location !== undefined);
      expect(located).toMatchObject({ entryIndex: 23, location: { kind: 'DELETED', method: 'leaf-hashes' } });
    } finally {
      await restore();
    }
  });

  it('names both entries when two are swapped', async () => {
    await t.db.query(`UPDATE audit_log AS a SET entry = b.entry FROM backup_audit_log AS b
      WHERE (a.seq = 5 AND b.seq = 30) OR (a.seq = 30 AND b.seq = 5)`);
    try {
      const r = await verify();
      expect(codes(r)).toEqual(['ROOT_MISMATCH']);
      expect(first(r, 'ROOT_MISMATCH')).toMatchObject({ entryIndex: 5, location: { kind: 'REORDERED', otherIndex: 30 } });
    } finally {
      await restore();
    }
  });

  it('catches history re-signed with a different key, naming every checkpoint', async () => {
    const forged = parseSignerKey(generateNoteKey('hub.test/log').signerKey);
    await t.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ size: number; note: string }>('SELECT size, note FROM log_checkpoints');
      for (const r of rows) await tx.query('UPDATE log_checkpoints SET note = $2 WHERE size = $1', [r.size, signNote(parseNote(r.note).text, [forged])]);
      await tx.query('DELETE FROM log_keys');
      await tx.query("INSERT INTO log_keys (key_id, verifier_key, signer_sealed, created_at) VALUES ($1, $2, 'x', now())", [`hub.test/log+${forged.keyId.toString(16).padStart(8, '0')}`, forged.verifierKey]);
    });
    try {
      const r = await verify();
      expect(r.ok).toBe(false);
      expect(codes(r)).toEqual(['UNKNOWN_KEY']);
      // The state file lists checkpoints from the last verified size on: 40 here.
      expect(r.result.problems.map((p) => p.checkpointSize)).toEqual([40]);
      // From scratch with the real key given explicitly, every one of the five is named.
      const saved = await readVerifierFile(cleanState);
      const fresh = await verify({ state: false, keys: [...saved!.keys] });
      expect(fresh.result.problems.filter((p) => p.code === 'UNKNOWN_KEY').map((p) => p.checkpointSize)).toEqual([0, 10, 20, 30, 40]);
      expect(formatReport(fresh).join('\n')).toContain('UNKNOWN_KEY');
    } finally {
      await restore();
    }
  });

  it('catches history rewritten and re-signed with the log\'s own key, using the state of an earlier run', async () => {
    // An insider with the key changes entry 12 and rebuilds the tree and the checkpoints from scratch.
    await t.db.transaction(async (tx) => {
      await tx.query(`UPDATE audit_log SET entry = replace(entry, '"status":200', '"status":404') WHERE seq = 12`);
      await tx.query('DELETE FROM log_leaves');
      await tx.query('DELETE FROM log_nodes');
      await tx.query('DELETE FROM log_checkpoints');
      await tx.query("UPDATE log_tree SET size = 0, root = sha256(''::bytea), range_hashes = ''::bytea, checkpoint_size = 0");
    });
    t.hub.log.tiles.clear();
    try {
      await t.hub.log.integrate();
      const r = await verify();
      expect(r.ok).toBe(false);
      expect(codes(r)).toContain('INCONSISTENT_WITH_PREVIOUS');
      expect(first(r, 'INCONSISTENT_WITH_PREVIOUS').checkpointSize).toBe(40);
      // Without the saved state the rewrite is self-consistent: no verifier could tell.
      expect((await verify({ state: false })).ok).toBe(true);
    } finally {
      await restore();
    }
  });

  it('exports the log as tlog-tiles files, verifies the copy, and names a tampered entry in it', async () => {
    const out = join(dir, 'export');
    const summary = await exportLog(url, out);
    expect(summary).toMatchObject({ size: 40, checkpoints: 5 });
    const clean = await verifyLogCommand({ location: { exportDir: out }, statePath: join(dir, 'export-state.json') });
    expect(clean.result.problems).toEqual([]);
    expect(clean.result).toMatchObject({ ok: true, entriesChecked: 40, checkpointsVerified: 5 });
    // Grow the hub's log and bring the copy up to date.
    await t.lookup(PEOPLE[1]!);
    await t.hub.log.integrate();
    expect(await exportLog(url, out)).toMatchObject({ size: 41 });
    expect((await verifyLogCommand({ location: { exportDir: out }, statePath: join(dir, 'export-state.json') })).ok).toBe(true);
    // Change entry 3 inside the bundle on disk.
    const bundlePath = join(out, 'tile', 'entries', '000.p', '41');
    const bundle = decodeEntryBundle(new Uint8Array(await readFile(bundlePath)));
    bundle[3] = encodeUtf8(new TextDecoder().decode(bundle[3]).replace('"status":200', '"status":500'));
    await writeFile(bundlePath, encodeEntryBundle(bundle));
    const tampered = await verifyLogCommand({ location: { exportDir: out }, statePath: join(dir, 'export-state.json') });
    expect(tampered.ok).toBe(false);
    expect(first(tampered, 'ROOT_MISMATCH')).toMatchObject({ entryIndex: 3, location: { kind: 'MODIFIED' } });
    await restore();
  });

  it('follows a key rotation: the co-signed overlap pins the new key, so checkpoints after it still verify', async () => {
    const statePath = join(dir, 'rotation-state.json');
    await copyFile(cleanState, statePath);
    const operator = await t.login('root', TEST_OPERATOR_PASSWORD);
    t.clock.advance(1000);
    const res = await t.hub.app.inject({ method: 'POST', url: '/api/v1/log/keys/rotate', headers: { authorization: `Bearer ${operator}` }, payload: { overlap_seconds: 600 } });
    expect(res.statusCode, res.body).toBe(200);
    const newKey = res.json<{ verifier_key: string }>().verifier_key;
    await t.lookup(PEOPLE[2]!);
    await t.hub.log.integrate();
    const during = await verifyLogCommand({ location: { hub: url }, statePath });
    expect(during.ok).toBe(true);
    expect(during.learnedKeys).toEqual([newKey]);
    t.clock.advance(601_000);
    await t.lookup(PEOPLE[3]!);
    await t.hub.log.integrate();
    const after = await verifyLogCommand({ location: { hub: url }, statePath });
    expect(after.result.problems).toEqual([]);
    // A verifier that never saw the overlap, holding only the old key, cannot accept the new checkpoint.
    const oldOnly = await verifyLogCommand({ location: { hub: url }, keys: (await readVerifierFile(cleanState))!.keys });
    expect(codes(oldOnly)).toEqual(['UNKNOWN_KEY']);
    await restore();
    t.clock.advance(-602_000);
  });

  it('is a real command: exit status 2 and the bad entry named when the log is wrong, 0 when it is right', async () => {
    const statePath = join(dir, 'cli-state.json');
    await copyFile(cleanState, statePath);
    const ok = await run(process.execPath, ['--import', 'tsx', MAIN, 'log', 'verify', '--hub', url, '--state', statePath], { env: { ...process.env, NO_COLOR: '1' } });
    expect(ok.stdout).toContain('log verified: 40');
    await t.db.query(`UPDATE audit_log SET entry = replace(entry, '"method":"GET"', '"method":"PUT"') WHERE seq = 33`);
    try {
      const failed = await run(process.execPath, ['--import', 'tsx', MAIN, 'log', 'verify', '--hub', url, '--state', statePath], { env: { ...process.env, NO_COLOR: '1' } }).then(() => undefined, (e: { code: number; stdout: string }) => e);
      expect(failed?.code).toBe(2);
      expect(failed?.stdout).toContain('ROOT_MISMATCH [mục/entry 33 (MODIFIED)');
    } finally {
      await restore();
    }
  });
});
