import { NdxpError } from '@ndxp/core';
import { isUniqueViolation, type Db } from '@ndxp/db';
import { notifyHubChanged } from '../../identity/notify-hub-changed.ts';
import { subsystemId } from '../ids.ts';
import { isoAt } from '../timestamps.ts';
import { SUBSYSTEM_COLUMNS, toSubsystemView, type SubsystemRow, type SubsystemView } from './subsystem-view.ts';
import { validateBaseUrl } from './validate-base-url.ts';

export interface NewSubsystem {
  readonly code: string;
  readonly name: string;
  /** Where the hub forwards calls to this subsystem's services; absent for a consumer-only system. */
  readonly base_url?: string | null | undefined;
}

/** Register a subsystem `member/code` of an existing member. */
export async function createSubsystem(db: Db, member: string, input: NewSubsystem, nowMs: number): Promise<SubsystemView> {
  const baseUrl = input.base_url === undefined || input.base_url === null ? null : validateBaseUrl(input.base_url);
  const id = subsystemId(member, input.code);
  try {
    return await db.transaction(async (tx) => {
      const m = await tx.query('SELECT 1 FROM members WHERE code = $1', [member]);
      if (m.rows.length === 0) throw new NdxpError('MEMBER_NOT_FOUND', { detail: `no member ${member}` });
      const { rows } = await tx.query<SubsystemRow>(
        `INSERT INTO subsystems (id, member_code, code, name, base_url, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO NOTHING RETURNING ${SUBSYSTEM_COLUMNS}`,
        [id, member, input.code, input.name, baseUrl, isoAt(nowMs)],
      );
      const row = rows[0];
      if (row === undefined) throw new NdxpError('SUBSYSTEM_EXISTS', { detail: `subsystem ${id} already exists` });
      await notifyHubChanged(tx, 'subsystems');
      return toSubsystemView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new NdxpError('SUBSYSTEM_EXISTS', { detail: `subsystem ${id} already exists` });
    throw error;
  }
}
