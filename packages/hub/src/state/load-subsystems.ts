import { unsafeBrand, type MemberCode, type SubsystemId } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import type { CachedSubsystem } from './types.ts';

interface Row {
  id: string;
  member_code: string;
  base_url: string | null;
  status: 'active' | 'disabled';
}

/** Every subsystem, by id. */
export async function loadSubsystems(db: Queryable): Promise<Map<string, CachedSubsystem>> {
  const { rows } = await db.query<Row>('SELECT id, member_code, base_url, status FROM subsystems');
  const out = new Map<string, CachedSubsystem>();
  for (const r of rows) {
    out.set(r.id, {
      id: unsafeBrand<'SubsystemId'>(r.id) as SubsystemId,
      memberCode: unsafeBrand<'MemberCode'>(r.member_code) as MemberCode,
      baseUrl: r.base_url,
      status: r.status,
    });
  }
  return out;
}
