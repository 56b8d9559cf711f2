import { toIso } from '../timestamps.ts';
import type { SubjectLocator } from './validate-subject-locator.ts';

export type DataClass = 'open' | 'shared' | 'private';
export type ServiceStatus = 'active' | 'deprecated' | 'disabled';

/** A catalogue entry as the API shows it (the OpenAPI document is served separately). */
export interface ServiceView {
  readonly id: string;
  readonly member_code: string;
  readonly subsystem_id: string;
  readonly code: string;
  readonly version: string;
  readonly title: string;
  readonly title_en: string | null;
  readonly description: string | null;
  readonly fields: string[];
  readonly data_class: DataClass;
  readonly subject_locator: SubjectLocator | null;
  readonly legal_bases: string[];
  readonly timeout_ms: number;
  readonly max_request_bytes: number;
  readonly status: ServiceStatus;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface ServiceRow {
  id: string;
  subsystem_id: string;
  code: string;
  version: string;
  title: string;
  title_en: string | null;
  description: string | null;
  fields: string[];
  data_class: DataClass;
  subject_locator: SubjectLocator | null;
  legal_bases: string[];
  timeout_ms: number;
  max_request_bytes: number;
  status: ServiceStatus;
  created_at: Date | string;
  updated_at: Date | string;
}

export const SERVICE_COLUMNS = 'id, subsystem_id, code, version, title, title_en, description, fields, data_class, subject_locator, legal_bases, timeout_ms, max_request_bytes, status, created_at, updated_at';

export const toServiceView = (r: ServiceRow): ServiceView => ({
  id: r.id,
  member_code: r.subsystem_id.slice(0, r.subsystem_id.indexOf('/')),
  subsystem_id: r.subsystem_id,
  code: r.code,
  version: r.version,
  title: r.title,
  title_en: r.title_en,
  description: r.description,
  fields: r.fields,
  data_class: r.data_class,
  subject_locator: r.subject_locator,
  legal_bases: r.legal_bases,
  timeout_ms: r.timeout_ms,
  max_request_bytes: r.max_request_bytes,
  status: r.status,
  created_at: toIso(r.created_at),
  updated_at: toIso(r.updated_at),
});
