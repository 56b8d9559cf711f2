import { Type } from 'typebox';
import type { HttpServer } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { decodeCursor, encodeCursor } from '../../store/change-cursor.ts';
import { readChanges } from '../../store/read-changes.ts';
import { problems } from '../schemas.ts';

const ChangeSchema = Type.Object({
  sequence: Type.Integer({ description: 'Increases with every recorded change' }),
  kind: Type.Enum(['birth', 'death', 'move', 'marriage']),
  personal_id: Type.String(),
  occurred_on: Type.String({ format: 'date' }),
  recorded_at: Type.String({ format: 'date-time' }),
  details: Type.Record(Type.String(), Type.String()),
});

/**
 * `GET /v1/changes?cursor=…&limit=…`: births, deaths, moves and marriages in the order recorded.
 * Resume with `next_cursor` (opaque); it is returned even when no change followed, so a consumer
 * can poll with it.
 */
export function registerListChanges(app: HttpServer, db: Db): void {
  app.get('/v1/changes', {
    schema: {
      operationId: 'listChanges',
      tags: ['changes'],
      summary: 'Biến động dân cư / Change feed',
      description: 'Births, deaths, moves and marriages, oldest first. Pass `next_cursor` back as `cursor` to resume; an unknown cursor is 400 CURSOR_INVALID.',
      querystring: Type.Object({
        cursor: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', 'x-error-code': 'CURSOR_INVALID', description: 'Opaque cursor from a previous page' })),
        limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ items: Type.Array(ChangeSchema), next_cursor: Type.String(), has_more: Type.Boolean() }),
        ...problems(400),
      },
    },
  }, async (request) => {
    const after = request.query.cursor === undefined ? 0 : decodeCursor(request.query.cursor);
    const { items, hasMore } = await readChanges(db, after, request.query.limit);
    const last = items.length === 0 ? after : (items[items.length - 1]?.sequence ?? after);
    return { items, next_cursor: encodeCursor(last), has_more: hasMore };
  });
}
