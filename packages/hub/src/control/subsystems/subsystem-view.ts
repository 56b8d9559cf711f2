import { toIso } from '../timestamps.ts';

/** A subsystem as the API shows it. */
export interface SubsystemView {
  readonly id: string;
  readonly member_code: string;
  readonly code: string;
  readonly name: string;
  readonly base_url: string | null;
  readonly status: 'active' | 'disabled';
  readonly created_at: string;
}

export interface SubsystemRow {
  id: string;
  member_code: string;
  code: string;
  name: string;
  base_url: string | null;
  status: 'active' | 'disabled';
  created_at: Date | string;
}

export const SUBSYSTEM_COLUMNS = 'id, member_code, code, name, base_url, status, created_at';

export const toSubsystemView = (r: SubsystemRow): SubsystemView => ({
  id: r.id, member_code: r.member_code, code: r.code, name: r.name, base_url: r.base_url, status: r.status, created_at: toIso(r.created_at),
});
