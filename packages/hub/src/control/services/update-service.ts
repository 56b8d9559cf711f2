import { NdxpError } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { notifyHubChanged } from '../../identity/notify-hub-changed.ts';
import { isoAt } from '../timestamps.ts';
import { serviceSearchText } from './search-text.ts';
import { SERVICE_COLUMNS, toServiceView, type ServiceRow, type ServiceStatus, type ServiceView } from './service-view.ts';

/** What may change in a registered service: its description and operation, never its contract. */
export interface ServiceChanges {
  readonly title?: string | undefined;
  readonly title_en?: string | null | undefined;
  readonly description?: string | null | undefined;
  readonly status?: ServiceStatus | undefined;
  readonly legal_bases?: readonly string[] | undefined;
  readonly timeout_ms?: number | undefined;
  readonly max_request_bytes?: number | undefined;
}

/** Change a service's descriptive and operational settings (`deprecated`, `disabled`, timeouts...). */
export async function updateService(db: Db, id: string, changes: ServiceChanges, nowMs: number): Promise<ServiceView> {
  return db.transaction(async (tx) => {
    const current = await tx.query<ServiceRow>(`SELECT ${SERVICE_COLUMNS} FROM services WHERE id = $1 FOR UPDATE`, [id]);
    const row = current.rows[0];
    if (row === undefined) throw new NdxpError('SERVICE_NOT_FOUND', { detail: `no service ${id}` });
    const next = {
      title: changes.title ?? row.title,
      title_en: changes.title_en === undefined ? row.title_en : changes.title_en,
      description: changes.description === undefined ? row.description : changes.description,
      status: changes.status ?? row.status,
      legal_bases: changes.legal_bases === undefined ? row.legal_bases : [...changes.legal_bases],
      timeout_ms: changes.timeout_ms ?? row.timeout_ms,
      max_request_bytes: changes.max_request_bytes ?? row.max_request_bytes,
    };
    const { rows } = await tx.query<ServiceRow>(
      `UPDATE services SET title = $2, title_en = $3, description = $4, status = $5, legal_bases = $6, timeout_ms = $7,
         max_request_bytes = $8, search_text = $9, updated_at = $10
       WHERE id = $1 RETURNING ${SERVICE_COLUMNS}`,
      [id, next.title, next.title_en, next.description, next.status, next.legal_bases, next.timeout_ms, next.max_request_bytes,
        serviceSearchText({ id, title: next.title, title_en: next.title_en, description: next.description }), isoAt(nowMs)],
    );
    await notifyHubChanged(tx, 'services');
    return toServiceView(rows[0]!);
  });
}
