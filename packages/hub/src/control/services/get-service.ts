import { NdxpError } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import { SERVICE_COLUMNS, toServiceView, type ServiceRow, type ServiceView } from './service-view.ts';

/** One catalogue entry, or `SERVICE_NOT_FOUND`. */
export async function getService(db: Queryable, id: string): Promise<ServiceView> {
  const { rows } = await db.query<ServiceRow>(`SELECT ${SERVICE_COLUMNS} FROM services WHERE id = $1`, [id]);
  const row = rows[0];
  if (row === undefined) throw new NdxpError('SERVICE_NOT_FOUND', { detail: `no service ${id}` });
  return toServiceView(row);
}

/** A service's OpenAPI document, or `SERVICE_NOT_FOUND`. */
export async function getServiceOpenapi(db: Queryable, id: string): Promise<{ data_class: string; openapi: Record<string, unknown> }> {
  const { rows } = await db.query<{ data_class: string; openapi: Record<string, unknown> }>('SELECT data_class, openapi FROM services WHERE id = $1', [id]);
  const row = rows[0];
  if (row === undefined) throw new NdxpError('SERVICE_NOT_FOUND', { detail: `no service ${id}` });
  return row;
}
