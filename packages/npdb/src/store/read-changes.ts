import type { Queryable } from '@ndxp/db';

export interface ChangeView {
  readonly sequence: number;
  readonly kind: 'birth' | 'death' | 'move' | 'marriage';
  readonly personal_id: string;
  readonly occurred_on: string;
  readonly recorded_at: string;
  readonly details: Record<string, string>;
}

/** Up to `limit` changes after sequence `after`, in sequence order, and whether more follow. */
export async function readChanges(db: Queryable, after: number, limit: number): Promise<{ items: ChangeView[]; hasMore: boolean }> {
  const { rows } = await db.query<{ seq: number; kind: ChangeView['kind']; personal_id: string; occurred_on: string; recorded_at: Date | string; details: Record<string, string> }>(
    'SELECT seq, kind, personal_id, occurred_on, recorded_at, details FROM citizen_changes WHERE seq > $1 ORDER BY seq LIMIT $2',
    [after, limit + 1],
  );
  const items = rows.slice(0, limit).map((r) => ({
    sequence: r.seq,
    kind: r.kind,
    personal_id: r.personal_id,
    occurred_on: r.occurred_on,
    recorded_at: (r.recorded_at instanceof Date ? r.recorded_at : new Date(r.recorded_at)).toISOString(),
    details: r.details,
  }));
  return { items, hasMore: rows.length > limit };
}
