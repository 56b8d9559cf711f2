import { NdxpError } from '@ndxp/core';
import { isUniqueViolation, type Db } from '@ndxp/db';
import { notifyHubChanged } from '../../identity/notify-hub-changed.ts';
import { serviceId } from '../ids.ts';
import { isoAt } from '../timestamps.ts';
import { serviceSearchText } from './search-text.ts';
import { SERVICE_COLUMNS, toServiceView, type DataClass, type ServiceRow, type ServiceView } from './service-view.ts';
import { validateFieldPointers } from './validate-fields.ts';
import { validateOpenapi } from './validate-openapi.ts';
import { validateSubjectLocator } from './validate-subject-locator.ts';

export interface NewService {
  readonly subsystem_id: string;
  readonly code: string;
  readonly version: string;
  readonly title: string;
  readonly title_en?: string | undefined;
  readonly description?: string | undefined;
  readonly openapi: object;
  readonly fields: readonly string[];
  readonly data_class: DataClass;
  readonly subject_locator?: Record<string, unknown> | null | undefined;
  readonly legal_bases?: readonly string[] | undefined;
  readonly timeout_ms?: number | undefined;
  readonly max_request_bytes?: number | undefined;
}

/**
 * Register `member/subsystem/service/version` in the catalogue. A version's contract (OpenAPI
 * document, fields, subject locator) never changes once registered, because grants were approved
 * against it; a changed contract is a new version.
 */
export async function registerService(db: Db, input: NewService, nowMs: number): Promise<ServiceView> {
  const paths = validateOpenapi(input.openapi);
  validateFieldPointers(input.fields);
  const locator = input.subject_locator === undefined || input.subject_locator === null ? null : validateSubjectLocator(input.subject_locator, paths);
  const [member = '', subsystem = ''] = input.subsystem_id.split('/');
  const id = serviceId(member, subsystem, input.code, input.version);
  try {
    return await db.transaction(async (tx) => {
      const s = await tx.query<{ status: string }>('SELECT status FROM subsystems WHERE id = $1', [input.subsystem_id]);
      if (s.rows[0] === undefined) throw new NdxpError('SUBSYSTEM_NOT_FOUND', { detail: `no subsystem ${input.subsystem_id}` });
      if (s.rows[0].status !== 'active') throw new NdxpError('VALIDATION_FAILED', { detail: `subsystem ${input.subsystem_id} is disabled`, errors: [{ in: 'body', pointer: '/subsystem_id', message: 'subsystem is disabled' }] });
      const { rows } = await tx.query<ServiceRow>(
        `INSERT INTO services (id, subsystem_id, code, version, title, title_en, description, openapi, fields, data_class,
           subject_locator, legal_bases, timeout_ms, max_request_bytes, search_text, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
         ON CONFLICT (id) DO NOTHING RETURNING ${SERVICE_COLUMNS}`,
        [
          id, input.subsystem_id, input.code, input.version, input.title, input.title_en ?? null, input.description ?? null,
          JSON.stringify(input.openapi), [...input.fields], input.data_class, locator === null ? null : JSON.stringify(locator),
          [...(input.legal_bases ?? [])], input.timeout_ms ?? 5000, input.max_request_bytes ?? 65536,
          serviceSearchText({ id, title: input.title, title_en: input.title_en, description: input.description }), isoAt(nowMs),
        ],
      );
      const row = rows[0];
      if (row === undefined) throw new NdxpError('SERVICE_EXISTS', { detail: `service ${id} already exists; register a new version to change it` });
      await notifyHubChanged(tx, 'services');
      return toServiceView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new NdxpError('SERVICE_EXISTS', { detail: `service ${id} already exists` });
    throw error;
  }
}
