import { unsafeBrand, type ServiceId, type SubsystemId } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import { compileSubjectLocator } from './compile-subject-locator.ts';
import type { CachedService } from './types.ts';

interface Row {
  id: string;
  subsystem_id: string;
  fields: string[];
  data_class: CachedService['dataClass'];
  subject_locator: unknown;
  openapi_paths: string[] | null;
  timeout_ms: number;
  max_request_bytes: number;
  status: CachedService['status'];
}

/**
 * Every catalogued service, by id. Only the keys of the OpenAPI `paths` object are read (to find
 * path parameters), not the whole document.
 */
export async function loadServices(db: Queryable, onInvalid: (serviceId: string, why: string) => void = () => undefined): Promise<Map<string, CachedService>> {
  const { rows } = await db.query<Row>(`SELECT id, subsystem_id, fields, data_class, subject_locator,
      CASE WHEN jsonb_typeof(openapi -> 'paths') = 'object'
        THEN ARRAY(SELECT jsonb_object_keys(openapi -> 'paths')) END AS openapi_paths,
      timeout_ms, max_request_bytes, status
    FROM services`);
  const out = new Map<string, CachedService>();
  for (const r of rows) {
    out.set(r.id, {
      id: unsafeBrand<'ServiceId'>(r.id) as ServiceId,
      subsystemId: unsafeBrand<'SubsystemId'>(r.subsystem_id) as SubsystemId,
      fields: r.fields,
      dataClass: r.data_class,
      subjectLocator: compileSubjectLocator(r.subject_locator, r.openapi_paths ?? [], (why) => onInvalid(r.id, why)),
      timeoutMs: r.timeout_ms,
      maxRequestBytes: r.max_request_bytes,
      status: r.status,
    });
  }
  return out;
}
