import { toIso } from '../timestamps.ts';

/** A member (agency) as the API shows it. */
export interface MemberView {
  readonly code: string;
  readonly name: string;
  readonly name_en: string | null;
  readonly subsystem_count: number;
  readonly created_at: string;
}

export interface MemberRow {
  code: string;
  name: string;
  name_en: string | null;
  subsystem_count: number;
  created_at: Date | string;
}

export const MEMBER_SELECT = `SELECT m.code, m.name, m.name_en, m.created_at,
  (SELECT count(*) FROM subsystems s WHERE s.member_code = m.code)::int8 AS subsystem_count
  FROM members m`;

export const toMemberView = (r: MemberRow): MemberView => ({ code: r.code, name: r.name, name_en: r.name_en, subsystem_count: Number(r.subsystem_count), created_at: toIso(r.created_at) });
