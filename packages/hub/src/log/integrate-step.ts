import type { Db, Queryable } from '@ndxp/db';
import { HASH_SIZE, type StoredNode } from '@ndxp/ledger';
import { publishCheckpoint, type PublishedCheckpoint } from './publish-checkpoint.ts';
import type { SignerCache } from './load-log-signers.ts';
import { readLogTree } from './read-log-tree.ts';

/**
 * Advisory lock key of the integrator (the bytes of 'NDXL'). Several hub processes share one
 * PostgreSQL; whichever takes this lock integrates, the others skip their turn.
 */
export const LOG_INTEGRATION_LOCK = 0x4e44584c;

export interface IntegrateStepOptions {
  readonly origin: string;
  readonly kek: Buffer;
  readonly nowMs: number;
  /** Most entries integrated by this step (one transaction). */
  readonly maxEntries: number;
  /**
   * When to sign a checkpoint if the tree grew past the latest one: `caught-up` only when this
   * step reached the end of the audit log; `always` also mid-way through a backlog.
   */
  readonly publish: 'caught-up' | 'always';
  readonly signers: SignerCache;
}

/** What one step did. */
export type StepOutcome =
  /** Another process holds the integration lock; nothing was done. */
  | { readonly kind: 'locked' }
  | {
      readonly kind: 'integrated';
      /** Tree size after the step. */
      readonly size: number;
      /** Entries added by this step. */
      readonly added: number;
      /** True when no further entry was committed at the time of reading. */
      readonly caughtUp: boolean;
      /** Set when the next entry the tree needs is absent while later ones exist (the audit log has a hole). */
      readonly gapAt?: number;
      readonly checkpoint?: PublishedCheckpoint;
    };

/**
 * Leaf hashes of entries `[$1, $2)`, in sequence order: RFC 9162 §2.1.1 `SHA-256(0x00 ‖ d)` with
 * `d` the UTF-8 bytes of the stored RFC 8785 text, exactly what @ndxp/ledger's `hashLeaf` computes
 * (the tests compare every root with the ledger's). Hashing in the database sends 32 bytes per
 * entry to the hub instead of the whole entry, and runs natively: measured 4-7x faster than
 * reading the text and hashing it in JavaScript, and it keeps the hub's event loop free.
 *
 * The last row (`last` true, no hash) carries the largest sequence number committed from `$1` on.
 * It must come from the same statement, so from the same snapshot: asked in a second statement (as
 * it once was), it saw entries committed in between and reported a hole at the first of them under
 * any steady load, which also ended every integration round early.
 */
const LEAF_HASHES_SQL = `SELECT seq, sha256('\\x00'::bytea || convert_to(entry, 'UTF8')) AS leaf_hash, false AS last
  FROM audit_log WHERE seq >= $1 AND seq < $2
  UNION ALL
  SELECT max(seq), NULL, true FROM audit_log WHERE seq >= $1
  ORDER BY last, seq`;

/** Keep perfect subtrees at the c2sp.org/tlog-tiles tile levels only: 0, 8, 16, … */
const TILE_LEVELS = (level: number): boolean => level % 8 === 0;

/**
 * One integration step, one transaction:
 *  1. `pg_try_advisory_xact_lock`: if another hub process is integrating, return at once;
 *  2. read the tree row (size n and the compact range of [0, n));
 *  3. read audit entries n, n+1, … (commit order: audit sequence numbers are dense and assigned
 *     under a row lock, so once seq k is visible every seq < k is too) and stop at the first hole;
 *  4. leaf hash = SHA-256(0x00 ‖ entry bytes) (RFC 9162 §2.1.1, computed in SQL), append to the
 *     range with @ndxp/ledger's CompactRange, keep the new leaves and the perfect subtrees
 *     completed at tile levels;
 *  5. store them, the new range and root, and (if due) sign and record a checkpoint.
 *
 * Everything commits together or not at all, so after a crash the tree, its stored hashes and the
 * checkpoints always agree, and the next step simply carries on from the committed size.
 */
export async function integrateStep(db: Db, options: IntegrateStepOptions): Promise<StepOutcome> {
  return db.transaction(async (tx) => {
    const locked = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [LOG_INTEGRATION_LOCK]);
    if (locked.rows[0]?.ok !== true) return { kind: 'locked' } as const;

    const tree = await readLogTree(tx, true);
    const { rows } = await tx.query<{ seq: number | null; leaf_hash: Uint8Array | null }>(LEAF_HASHES_SQL, [tree.size, tree.size + options.maxEntries]);
    // The aggregate row always comes, and comes last.
    const lastSeq = rows.pop()?.seq ?? undefined;
    const leaves: Uint8Array[] = [];
    for (const row of rows) {
      if (Number(row.seq) !== tree.size + leaves.length) break;
      leaves.push(new Uint8Array(row.leaf_hash!));
    }
    // In one snapshot every entry below a committed one is committed too (sequence numbers are
    // handed out under a row lock, in commit order), so an entry missing below the last one is a
    // real hole: damage, not a commit still on its way.
    const next = tree.size + leaves.length;
    const gapAt = lastSeq !== undefined && lastSeq >= next && leaves.length < options.maxEntries ? next : undefined;
    const caughtUp = gapAt !== undefined || lastSeq === undefined || lastSeq < next;

    let size = tree.size;
    let root = tree.root;
    if (leaves.length > 0) {
      const appended = tree.range.append(leaves, { keepLevel: TILE_LEVELS });
      size = appended.range.size;
      root = appended.root;
      await writeLeaves(tx, tree.size, leaves);
      await writeNodes(tx, appended.nodes.filter((n) => n.level > 0));
      await tx.query('UPDATE log_tree SET size = $1, root = $2, range_hashes = $3, updated_at = $4', [
        size, root, concat(appended.range.hashes), new Date(options.nowMs).toISOString(),
      ]);
    }
    let checkpoint: PublishedCheckpoint | undefined;
    if (size > tree.checkpointSize && (caughtUp || options.publish === 'always')) {
      checkpoint = await publishCheckpoint(tx, size, root, { origin: options.origin, kek: options.kek, nowMs: options.nowMs, cache: options.signers });
    }
    return {
      kind: 'integrated',
      size,
      added: leaves.length,
      caughtUp,
      ...(gapAt === undefined ? {} : { gapAt }),
      ...(checkpoint === undefined ? {} : { checkpoint }),
    } as const;
  });
}

/** Leaves n, n+1, … as one statement: the hashes travel as one bytea and are cut in SQL. */
async function writeLeaves(tx: Queryable, first: number, leaves: readonly Uint8Array[]): Promise<void> {
  await tx.query(
    `INSERT INTO log_leaves (seq, leaf_hash)
     SELECT $1::int8 + i, substring($2::bytea FROM i * 32 + 1 FOR 32) FROM generate_series(0, $3::int4 - 1) AS i`,
    [first, concat(leaves), leaves.length],
  );
}

async function writeNodes(tx: Queryable, nodes: readonly StoredNode[]): Promise<void> {
  if (nodes.length === 0) return;
  await tx.query(
    `INSERT INTO log_nodes (level, idx, hash)
     SELECT l, x, substring($3::bytea FROM (o - 1)::int4 * 32 + 1 FOR 32)
     FROM unnest($1::int2[], $2::int8[]) WITH ORDINALITY AS t(l, x, o)`,
    [nodes.map((n) => n.level), nodes.map((n) => n.index), concat(nodes.map((n) => n.hash))],
  );
}

function concat(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((h, i) => out.set(h, i * HASH_SIZE));
  return out;
}
