import type { Queryable } from '@ndxp/db';
import { CompactRange, HASH_SIZE } from '@ndxp/ledger';

/** Where the Merkle tree stands, as the integrator last committed it. */
export interface LogTree {
  /** Entries integrated: leaves `[0, size)`. */
  readonly size: number;
  /** RFC 9162 root of the tree of `size` leaves. */
  readonly root: Uint8Array;
  /** The compact range of `[0, size)`, to append to. */
  readonly range: CompactRange;
  /** Size of the latest published checkpoint (≤ size). */
  readonly checkpointSize: number;
}

interface TreeRow {
  size: number;
  root: Uint8Array;
  range_hashes: Uint8Array;
  checkpoint_size: number;
}

/** Read the tree row (one row). Pass `forUpdate` inside the integrating transaction. */
export async function readLogTree(db: Queryable, forUpdate = false): Promise<LogTree> {
  const { rows } = await db.query<TreeRow>(`SELECT size, root, range_hashes, checkpoint_size FROM log_tree${forUpdate ? ' FOR UPDATE' : ''}`);
  const row = rows[0];
  if (row === undefined) throw new Error('log_tree row is missing');
  const size = Number(row.size);
  const bytes = new Uint8Array(row.range_hashes);
  const hashes: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += HASH_SIZE) hashes.push(bytes.slice(at, at + HASH_SIZE));
  return { size, root: new Uint8Array(row.root), range: CompactRange.fromHashes(size, hashes), checkpointSize: Number(row.checkpoint_size) };
}

/** Size of the tree and of the latest checkpoint, without the range (for readers). */
export async function readLogSizes(db: Queryable): Promise<{ readonly size: number; readonly checkpointSize: number }> {
  const { rows } = await db.query<{ size: number; checkpoint_size: number }>('SELECT size, checkpoint_size FROM log_tree');
  const row = rows[0];
  if (row === undefined) throw new Error('log_tree row is missing');
  return { size: Number(row.size), checkpointSize: Number(row.checkpoint_size) };
}
