import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, testBackends, type Db } from '@ndxp/db';
import {
  MemoryHashStore, CompactRange, bytesEqual, consistencyProof, encodeUtf8, hashLeaf, inclusionProof, noteVerifiers, openCheckpoint, parseVerifierKey, rootHash,
  verifyConsistency,
} from '@ndxp/ledger';
import { openTestHub, type TestHub } from '../app/test-hub.ts';
import { dbHashReader } from './db-tile-reader.ts';
import { LOG_INTEGRATION_LOCK } from './integrate-step.ts';
import { createLogIntegrator } from './log-integrator.ts';
import { listCheckpoints } from './list-checkpoints.ts';
import { listLogKeys } from './list-log-keys.ts';
import { readLogTree } from './read-log-tree.ts';
import { appendSynthetic } from './testing/synthetic-entries.ts';

const leavesOf = (texts: readonly string[]): Uint8Array[] => texts.map((t) => hashLeaf(encodeUtf8(t)));

describe.each(testBackends())('log integration on %s', (kind) => {
  let t: TestHub;
  const texts: string[] = [];
  const verifiers = async () => noteVerifiers((await listLogKeys(t.db, t.clock.now())).map((k) => parseVerifierKey(k.verifierKey)));

  beforeAll(async () => {
    t = await openTestHub(kind, { NDXP_LOG_INTEGRATION: 'false' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts with a signed checkpoint of the empty tree', async () => {
    const [first] = await listCheckpoints(t.db, -1, 10);
    expect(first?.size).toBe(0);
    const opened = openCheckpoint(first!.note, await verifiers(), { origin: 'hub.test/log' });
    expect(opened.checkpoint.size).toBe(0);
    expect(bytesEqual(opened.checkpoint.rootHash, rootHash([]))).toBe(true);
  });

  it('integrates committed entries in sequence order and signs the new root', async () => {
    texts.push(...await appendSynthetic(t.db, 0, 300));
    const round = await t.hub.log.integrate();
    expect(round).toMatchObject({ size: 300, added: 300, locked: false });
    expect(round.checkpoints.map((c) => c.size)).toEqual([300]);
    const tree = await readLogTree(t.db);
    expect(bytesEqual(tree.root, rootHash(leavesOf(texts)))).toBe(true);
    const opened = openCheckpoint(round.checkpoints[0]!.note, await verifiers(), { origin: 'hub.test/log' });
    expect(bytesEqual(opened.checkpoint.rootHash, tree.root)).toBe(true);
    // Leaves and the tile-level node at level 8 (leaves 0..255) are stored; nothing in between.
    const nodes = await t.db.query<{ level: number; idx: number }>('SELECT level, idx FROM log_nodes ORDER BY level, idx');
    expect(nodes.rows.map((r) => [r.level, Number(r.idx)])).toEqual([[8, 0]]);
    expect(Number((await t.db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM log_leaves')).rows[0]!.n)).toBe(300);
  });

  it('publishes nothing when the log did not grow', async () => {
    const round = await t.hub.log.integrate();
    expect(round).toMatchObject({ size: 300, added: 0, checkpoints: [] });
    expect((await listCheckpoints(t.db, -1, 100)).map((c) => c.size)).toEqual([0, 300]);
  });

  it('works through a backlog in bounded transactions and signs once caught up', async () => {
    texts.push(...await appendSynthetic(t.db, 300, 700));
    const integrator = createLogIntegrator({ db: t.db, origin: 'hub.test/log', kek: t.config.kek, clock: t.clock, intervalMs: 0, maxEntriesPerStep: 64 });
    const round = await integrator.integrate();
    expect(round).toMatchObject({ size: 1000, added: 700 });
    expect(round.checkpoints.map((c) => c.size)).toEqual([1000]);
    const tree = await readLogTree(t.db);
    expect(bytesEqual(tree.root, rootHash(leavesOf(texts)))).toBe(true);
    // The compact range in the row is exactly the one a fresh append of every leaf gives.
    expect(tree.range.hashes).toEqual(CompactRange.empty().append(leavesOf(texts)).range.hashes);
  });

  it('serves proofs from stored tiles that equal proofs from the whole tree in memory', async () => {
    const memory = new MemoryHashStore();
    await memory.writeHashes(CompactRange.empty().append(leavesOf(texts)).nodes);
    const reader = dbHashReader(t.db, 1000);
    for (const [index, size] of [[0, 1000], [255, 1000], [256, 1000], [999, 1000], [511, 512], [300, 301], [17, 300]] as const) {
      expect(await inclusionProof(dbHashReader(t.db, size), index, size)).toEqual(await inclusionProof(memory, index, size));
    }
    for (const [a, b] of [[1, 1000], [256, 1000], [300, 1000], [999, 1000], [7, 300]] as const) {
      expect(await consistencyProof(dbHashReader(t.db, b), a, b)).toEqual(await consistencyProof(memory, a, b));
    }
    expect(await reader.readHashes([{ level: 3, index: 5 }])).toEqual(await memory.readHashes([{ level: 3, index: 5 }]));
  });

  it('carries on after a restart from the committed state (a new integrator, empty caches)', async () => {
    texts.push(...await appendSynthetic(t.db, 1000, 37));
    const again = createLogIntegrator({ db: t.db, origin: 'hub.test/log', kek: t.config.kek, clock: t.clock, intervalMs: 0 });
    const round = await again.integrate();
    expect(round).toMatchObject({ size: 1037, added: 37 });
    expect(bytesEqual((await readLogTree(t.db)).root, rootHash(leavesOf(texts)))).toBe(true);
    // Every published checkpoint is consistent with every later one.
    const cps = await listCheckpoints(t.db, -1, 100);
    expect(cps.map((c) => c.size)).toEqual([0, 300, 1000, 1037]);
    for (let i = 1; i < cps.length; i++) {
      for (let j = i + 1; j < cps.length; j++) {
        const [a, b] = [cps[i]!, cps[j]!];
        const proof = await consistencyProof(dbHashReader(t.db, b.size), a.size, b.size);
        expect(verifyConsistency({ size1: a.size, size2: b.size, root1: a.root, root2: b.root, proof })).toBe(true);
      }
    }
  });

  it('never integrates past a hole in the audit log, and resumes once it is filled', async () => {
    // Entries 1037 and 1039 exist, 1038 does not (the sequence must be dense; a hole means damage).
    const [e1037, e1038, e1039] = await appendSynthetic(t.db, 1037, 3);
    await t.db.query('DELETE FROM audit_log WHERE seq = 1038');
    const errors: unknown[] = [];
    const integrator = createLogIntegrator({ db: t.db, origin: 'hub.test/log', kek: t.config.kek, clock: t.clock, intervalMs: 0, onError: (e, c) => errors.push(c.gapAt) });
    const round = await integrator.integrate();
    expect(round).toMatchObject({ size: 1038, added: 1, gapAt: 1038 });
    expect(errors).toEqual([1038]);
    await t.db.query(
      `INSERT INTO audit_log (seq, at, request_id, hub_instance, method, status, latency_us, response_sha256, entry)
       VALUES (1038, now(), 'req-1038', 'hub-test', 'GET', 200, 1, 'x', $1)`,
      [e1038],
    );
    expect(await integrator.integrate()).toMatchObject({ size: 1040, added: 2 });
    texts.push(e1037!, e1038!, e1039!);
    expect(bytesEqual((await readLogTree(t.db)).root, rootHash(leavesOf(texts)))).toBe(true);
  });

  it.runIf(kind === 'postgres')('lets exactly one process integrate at a time (advisory lock), and several stay consistent', async () => {
    const url = (t.db as Db & { url?: string }).url as string;
    const other = await openPostgres({ url, max: 2 });
    const third = await openPostgres({ url, max: 2 });
    try {
      texts.push(...await appendSynthetic(t.db, 1040, 10));
      // Another process holds the integration lock: this one skips its turn and changes nothing.
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      let locked: () => void = () => undefined;
      const lockTaken = new Promise<void>((r) => (locked = r));
      const holder = other.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [LOG_INTEGRATION_LOCK]);
        locked();
        await held;
      });
      await lockTaken;
      const blocked = await t.hub.log.integrate();
      expect(blocked).toMatchObject({ locked: true, added: 0 });
      expect((await readLogTree(t.db)).size).toBe(1040);
      release();
      await holder;
      // Now three "processes" integrate concurrently while entries keep arriving.
      const mk = (db: Db) => createLogIntegrator({ db, origin: 'hub.test/log', kek: t.config.kek, clock: t.clock, intervalMs: 0, maxEntriesPerStep: 5 });
      const workers = [mk(t.db), mk(other), mk(third)];
      for (let r = 0; r < 6; r++) {
        texts.push(...await appendSynthetic(t.db, 1050 + r * 20, 20));
        await Promise.all(workers.map((w) => w.integrate()));
      }
      await workers[0]!.integrate();
      const tree = await readLogTree(t.db);
      expect(tree.size).toBe(texts.length);
      expect(bytesEqual(tree.root, rootHash(leavesOf(texts)))).toBe(true);
      const cps = await listCheckpoints(t.db, 1037, 1000);
      for (let i = 1; i < cps.length; i++) {
        const [a, b] = [cps[i - 1]!, cps[i]!];
        expect(b.size).toBeGreaterThan(a.size);
        const proof = await consistencyProof(dbHashReader(t.db, b.size), a.size, b.size);
        expect(verifyConsistency({ size1: a.size, size2: b.size, root1: a.root, root2: b.root, proof })).toBe(true);
      }
    } finally {
      await other.close();
      await third.close();
    }
  });

  it.runIf(kind === 'postgres')('does not mistake entries committed while it reads for a hole', async () => {
    // A writer on other connections commits small batches without pause while the integrator runs
    // round after round: no round may report a hole, and the tree ends equal to the log.
    const url = (t.db as Db & { url?: string }).url as string;
    const writerDb = await openPostgres({ url, max: 2 });
    const gaps: unknown[] = [];
    const integrator = createLogIntegrator({ db: t.db, origin: 'hub.test/log', kek: t.config.kek, clock: t.clock, intervalMs: 0, onError: (_e, c) => gaps.push(c.gapAt) });
    let writing = true;
    const from = Number((await t.db.query<{ n: number }>('SELECT next_seq AS n FROM audit_log_state')).rows[0]!.n);
    const written: string[] = [];
    const writer = (async () => {
      // Numbered far from the other tests' synthetic entries, so no two texts are equal.
      for (let n = 100_000; writing; n += 3) written.push(...await appendSynthetic(writerDb, n, 3));
    })();
    try {
      for (let i = 0; i < 40; i++) expect((await integrator.integrate()).gapAt).toBeUndefined();
    } finally {
      writing = false;
      await writer;
      await writerDb.close();
    }
    expect(gaps).toEqual([]);
    expect(written.length).toBeGreaterThan(40);
    const round = await integrator.integrate();
    expect(round.size).toBe(from + written.length);
    texts.push(...written);
    expect(bytesEqual((await readLogTree(t.db)).root, rootHash(leavesOf(texts)))).toBe(true);
  });
});
