import type { Db } from '@ndxp/db';
import { hashPassword } from '../../identity/password-hash.ts';
import type { UserRole } from '../../identity/issue-session-token.ts';
import { isoAt } from '../timestamps.ts';

/**
 * Demo accounts with well-known passwords, created only when NDXP_DEMO is on (and then reported by
 * `warnInsecure` at every start). The members are those of the demo: the Ministry of Public
 * Security runs the NPDB (provider), the Ministry of Finance consumes it.
 */
export const DEMO_MEMBERS: readonly { readonly code: string; readonly name: string; readonly name_en: string }[] = [
  { code: 'BCA', name: 'Bộ Công an', name_en: 'Ministry of Public Security' },
  { code: 'BTC', name: 'Bộ Tài chính', name_en: 'Ministry of Finance' },
];

export const DEMO_USERS: readonly { readonly username: string; readonly password: string; readonly display_name: string; readonly role: UserRole; readonly member_code: string | null }[] = [
  { username: 'operator', password: 'ndxp-demo-operator', display_name: 'Vận hành NDXP (demo)', role: 'operator', member_code: null },
  { username: 'bca.admin', password: 'ndxp-demo-provider', display_name: 'Quản trị Bộ Công an (demo)', role: 'provider_admin', member_code: 'BCA' },
  { username: 'btc.admin', password: 'ndxp-demo-consumer', display_name: 'Quản trị Bộ Tài chính (demo)', role: 'consumer_admin', member_code: 'BTC' },
];

/** Create the demo members and users if absent (idempotent: existing rows are left as they are). */
export async function seedDemoUsers(db: Db, options: { readonly scryptLogN: number; readonly nowMs: number }): Promise<string[]> {
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password, options.scryptLogN)));
  return db.transaction(async (tx) => {
    for (const m of DEMO_MEMBERS) {
      await tx.query('INSERT INTO members (code, name, name_en, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING', [m.code, m.name, m.name_en, isoAt(options.nowMs)]);
    }
    const created: string[] = [];
    for (const [i, u] of DEMO_USERS.entries()) {
      const { rows } = await tx.query(
        'INSERT INTO users (username, display_name, role, member_code, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING RETURNING username',
        [u.username, u.display_name, u.role, u.member_code, hashes[i], isoAt(options.nowMs)],
      );
      if (rows.length > 0) created.push(u.username);
    }
    return created;
  });
}
