import type { Readable } from 'node:stream';
import type { HttpServer } from '@ndxp/core';
import { runExchange, type DataPlaneDeps } from './data-plane-pipeline.ts';

/** Methods the data plane forwards. HEAD and OPTIONS are not exchanges of data. */
export const DATA_PLANE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Mount the data plane: `{METHOD} /x/{member}/{subsystem}/{service}/{version}/*`.
 *
 * It lives in its own encapsulated Fastify context whose only content-type parser hands the
 * unread body stream to the pipeline: the hub forwards bodies byte for byte whatever their media
 * type, enforces each service's own size limit, and never reads a body before the caller is
 * authenticated and authorised. The route takes no schema because the pipeline validates every
 * part of the request itself (path, headers, token) with precise error codes.
 */
export function registerDataPlane(app: HttpServer, deps: DataPlaneDeps): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.route({
      method: [...DATA_PLANE_METHODS],
      url: '/x/*',
      exposeHeadRoute: false,
      // Each exchange is recorded in the audit log; per-request access logging on top of it would
      // double the hot path's logging for no new information. Warnings and errors still log, with
      // the request id.
      logLevel: 'warn',
      handler: async (request, reply) => {
        const res = await runExchange(deps, {
          id: String(request.id),
          method: request.method,
          url: request.raw.url ?? request.url,
          headers: request.headers,
          body: request.body as Readable | undefined,
        }, request.log);
        return reply.code(res.status).headers(res.headers).send(res.body);
      },
    });
  });
}
