import { NdxpError } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import { checkpointAt, latestCheckpoint } from './list-checkpoints.ts';
import { readLogSizes } from './read-log-tree.ts';

/** The tree size a proof is asked against, with the signed checkpoint of that size if one was published. */
export interface ResolvedSize {
  readonly size: number;
  /** The checkpoint note for `size`, or null if none was published at exactly this size. */
  readonly checkpoint: string | null;
}

/**
 * Resolve the size a proof is for: by default the latest checkpoint (so the proof verifies against
 * what the log signed last), otherwise any size the tree has had.
 *
 * @throws NdxpError `LOG_SIZE_OUT_OF_RANGE` if `size` is beyond the integrated tree.
 */
export async function resolveTreeSize(db: Queryable, size: number | undefined): Promise<ResolvedSize> {
  if (size === undefined) {
    const latest = await latestCheckpoint(db);
    return { size: latest.size, checkpoint: latest.note };
  }
  const sizes = await readLogSizes(db);
  if (size > sizes.size) throw new NdxpError('LOG_SIZE_OUT_OF_RANGE', { detail: `size ${size} is beyond the tree size ${sizes.size}` });
  return { size, checkpoint: (await checkpointAt(db, size))?.note ?? null };
}
