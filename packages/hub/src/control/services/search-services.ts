import type { Queryable } from '@ndxp/db';
import { foldForSearch } from './search-text.ts';
import { SERVICE_COLUMNS, toServiceView, type DataClass, type ServiceRow, type ServiceStatus, type ServiceView } from './service-view.ts';

export interface ServiceQuery {
  /** Words that must all occur in the id, titles or description (case and diacritics ignored). */
  readonly q?: string | undefined;
  readonly member?: string | undefined;
  readonly subsystem?: string | undefined;
  readonly data_class?: DataClass | undefined;
  readonly status?: ServiceStatus | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** Browse and search the catalogue, by id. */
export async function searchServices(db: Queryable, query: ServiceQuery): Promise<{ items: ServiceView[]; total: number }> {
  const words = query.q === undefined ? [] : foldForSearch(query.q).split(' ').filter((w) => w !== '');
  const { rows } = await db.query<ServiceRow & { total: number }>(
    `SELECT ${SERVICE_COLUMNS}, count(*) OVER ()::int8 AS total FROM services s
     WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[]) AS w(word) WHERE position(w.word IN s.search_text) = 0)
       AND ($2::text IS NULL OR split_part(s.subsystem_id, '/', 1) = $2)
       AND ($3::text IS NULL OR s.subsystem_id = $3)
       AND ($4::text IS NULL OR s.data_class = $4)
       AND ($5::text IS NULL OR s.status = $5)
     ORDER BY s.id LIMIT $6 OFFSET $7`,
    [words, query.member ?? null, query.subsystem ?? null, query.data_class ?? null, query.status ?? null, query.limit, query.offset],
  );
  return { items: rows.map(toServiceView), total: Number(rows[0]?.total ?? 0) };
}
