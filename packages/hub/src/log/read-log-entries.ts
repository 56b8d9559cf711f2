import { NdxpError } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import { readLogSizes } from './read-log-tree.ts';

/** One log entry: its leaf index and the RFC 8785 text whose UTF-8 bytes are the leaf's data. */
export interface LogEntryText {
  readonly index: number;
  readonly entry: string;
}

/**
 * Entries `[start, end)` of the log, clipped to the integrated tree: the canonical text exactly as
 * it was hashed into the tree (never re-serialised, which could change the bytes). Entries the
 * tree does not cover yet are not served here: the log is what the tree commits to.
 *
 * @throws NdxpError `LOG_INDEX_OUT_OF_RANGE` if `start` is not below the tree size or `end <= start`.
 */
export async function readLogEntries(db: Queryable, start: number, end: number): Promise<{ readonly entries: LogEntryText[]; readonly treeSize: number }> {
  const { size } = await readLogSizes(db);
  if (end <= start) throw new NdxpError('LOG_INDEX_OUT_OF_RANGE', { detail: `end ${end} must be greater than start ${start}` });
  if (start >= size) throw new NdxpError('LOG_INDEX_OUT_OF_RANGE', { detail: `start ${start} is not below the tree size ${size}` });
  const { rows } = await db.query<{ seq: number; entry: string }>('SELECT seq, entry FROM audit_log WHERE seq >= $1 AND seq < $2 ORDER BY seq', [start, Math.min(end, size)]);
  return { entries: rows.map((r) => ({ index: Number(r.seq), entry: r.entry })), treeSize: size };
}
