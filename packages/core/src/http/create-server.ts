import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';
import type { Socket } from 'node:net';
import { NdxpError, toProblem, type ErrorCode } from '../errors/index.ts';
import { problemErrorHandler, sendProblem } from './error-handler.ts';
import { validatorCompiler } from './validator-compiler.ts';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth.ts';

/** Fastify instance with TypeBox typing, as every NDXP service uses. */
export type HttpServer = FastifyInstance<Server, IncomingMessage, ServerResponse, Logger, TypeBoxTypeProvider>;

export interface CreateServerOptions {
  /** Service name, used in logs. */
  readonly name: string;
  /** A pino logger, or `false` to log nothing (tests). */
  readonly logger?: Logger | false;
  /** Maximum request body in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  /** Trust `x-forwarded-*` from a proxy in front. Off by default. */
  readonly trustProxy?: boolean;
  /** A connection that sends nothing is closed after this, ms (default {@link FIRST_BYTE_TIMEOUT_MS}). */
  readonly firstByteTimeoutMs?: number;
}

/** Headers sent on every response (OWASP secure headers for APIs). */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** A new connection must send its first byte within this, ms (the same bound as a whole request). */
export const FIRST_BYTE_TIMEOUT_MS = 30_000;

/** A request id the caller supplied is reused only if it is short and plain (no log injection). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Create a Fastify server with NDXP's conventions: `x-request-id` in and out, problem+json for
 * every error (including 404 and schema failures), strict JSON validation, security headers,
 * secrets redacted from logs.
 */
export function createServer(options: CreateServerOptions): HttpServer {
  const app = Fastify({
    loggerInstance: options.logger === false || options.logger === undefined ? undefined : options.logger,
    logger: options.logger === false || options.logger === undefined ? false : undefined,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Slow-client protection: a request must arrive in full within 30 s (slowloris).
    requestTimeout: 30_000,
    connectionTimeout: 0,
    keepAliveTimeout: 72_000,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 500, ignoreTrailingSlash: false },
    // Errors the router raises before any route or error handler runs (malformed percent-encoding,
    // an over-long path parameter): without this Fastify answers them with its own JSON, not
    // problem+json, and echoes the raw path back.
    // Hooks do not run for these, so the headers every answer carries are set here too.
    frameworkErrors: (error: unknown, request: FastifyRequest, reply: FastifyReply) => problemErrorHandler(error, request, setStandardHeaders(request, reply)),
    // Errors of the HTTP parser itself (a malformed request line or header, CR/LF or NUL where they
    // cannot be, headers over the size limit, a request that did not arrive in time): answered as
    // problem+json too, then the connection is closed.
    clientErrorHandler: answerClientError,
    ajv: undefined,
  } as FastifyServerOptions) as unknown as HttpServer;

  // A connection that never sends a byte is never a request, so Node's header and request timeouts
  // never start for it: without this, silent connections pile up forever (slowloris, measured in
  // bench/faults/slow-clients.faults.ts). The socket's inactivity timeout cannot do it: it would
  // also cut a client waiting quietly for a slow provider.
  app.server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, options.firstByteTimeoutMs ?? FIRST_BYTE_TIMEOUT_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });
  // JSON bodies: Fastify's own parser (prototype poisoning refused), after a nesting-depth check.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (exceedsJsonDepth(body as string)) {
      done(new NdxpError('VALIDATION_FAILED', { detail: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` }), undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(problemErrorHandler);
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, new NdxpError('ROUTE_NOT_FOUND', { detail: `${request.method} ${request.url.split('?')[0]}` })));
  app.addHook('onSend', async (request, reply, payload) => {
    setStandardHeaders(request, reply);
    return payload;
  });
  return app;
}

/** Node's parser error codes, mapped to ours. */
function clientErrorCode(error: Error & { code?: string }): ErrorCode {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'HEADERS_TOO_LARGE';
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST_TIMEOUT';
  return 'HEADER_INVALID';
}

/**
 * Fastify's `clientErrorHandler`: no request object exists yet, so the problem is written on the
 * socket directly (like Node's own default), with a fresh request id and the security headers.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const e = new NdxpError(clientErrorCode(error));
    const requestId = randomUUID();
    const body = JSON.stringify(toProblem(e, { requestId }));
    const headers = { 'content-type': 'application/problem+json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), 'x-request-id': requestId, ...SECURITY_HEADERS, connection: 'close' };
    socket.write(`HTTP/1.1 ${e.status} ${e.status === 431 ? 'Request Header Fields Too Large' : e.status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/** `x-request-id` and the security headers, unless a route already chose its own. */
function setStandardHeaders(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  void reply.header('x-request-id', String(request.id));
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(k)) void reply.header(k, v);
  return reply;
}
