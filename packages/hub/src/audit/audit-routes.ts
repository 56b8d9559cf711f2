import { Type } from 'typebox';
import type { HttpServer } from '@ndxp/core';
import type { HubContext } from '../app/hub-context.ts';
import { requireRole } from '../control/principal.ts';
import { principalOf } from '../control/request-principal.ts';
import { BEARER } from '../control/schemas.ts';
import { logSize, readEntries } from './read-entries.ts';

const TailQuery = Type.Object({
  after_seq: Type.Integer({ minimum: -1, default: -1, description: 'Return entries with a larger sequence number; -1 (default) starts at the first entry.' }),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
}, { additionalProperties: false });

const TailItem = Type.Object({
  seq: Type.Integer({ minimum: 0 }),
  entry: Type.Record(Type.String(), Type.Unknown(), { description: 'The audit entry (its RFC 8785 canonical JSON is the stored form)' }),
});

const TailResponse = Type.Object({
  items: Type.Array(TailItem),
  /** Pass as `after_seq` to continue. */
  next_after_seq: Type.Integer({ minimum: -1 }),
  /** Entries in the log now. */
  log_size: Type.Integer({ minimum: 0 }),
});

/**
 * `GET /api/v1/audit?after_seq=&limit=`: the tail of the audit log, in sequence order, for
 * operators (`ndxp audit tail` polls it). Mount inside the control plane's authenticated scope:
 * it relies on the session principal set there.
 */
export function registerAuditRoutes(app: HttpServer, ctx: HubContext): void {
  app.get('/api/v1/audit', {
    schema: { tags: ['audit'], summary: 'Tail the audit log (operator)', security: BEARER, querystring: TailQuery, response: { 200: TailResponse } },
  }, async (request) => {
    requireRole(principalOf(request), 'operator');
    const { after_seq: after, limit } = request.query;
    const [entries, size] = await Promise.all([readEntries(ctx.db, after, limit), logSize(ctx.db)]);
    return {
      items: entries.map((e) => ({ seq: e.seq, entry: JSON.parse(e.entry) as Record<string, unknown> })),
      next_after_seq: entries.at(-1)?.seq ?? after,
      log_size: size,
    };
  });
}
