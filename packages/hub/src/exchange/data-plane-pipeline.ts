import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { NdxpError, isNdxpError, type Clock } from '@ndxp/core';
import type { AuditEntry } from '../audit/audit-entry.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import { sha256Hex } from '../audit/sha256-hex.ts';
import type { SubjectHasher } from '../audit/subject-hasher.ts';
import type { HubMetrics } from '../metrics/hub-metrics.ts';
import type { HubState } from '../state/hub-state.ts';
import type { Authenticate } from './authenticate.ts';
import { authoriseGrant, PURPOSE_CODE } from './authorise-grant.ts';
import { callProvider } from './call-provider.ts';
import { providerTarget, splitBaseUrl } from './forward-to-provider.ts';
import { locateSubject } from './locate-subject.ts';
import { parseExchangePath } from './parse-exchange-path.ts';
import type { ProviderCircuits } from './provider-circuits.ts';
import type { ProviderPools } from './provider-pools.ts';
import type { QuotaLimiter } from './quota-limiter.ts';
import { readBody } from './read-body.ts';
import { renderOutcome, renderProblem, type Answer } from './render-answer.ts';
import { checkConsumer, resolveService } from './resolve-service.ts';
import { selectFields } from './select-fields.ts';
import { signHubAssertion, type AssertionKey } from './sign-hub-assertion.ts';

/** Everything the data plane runs on, built once at start (see start-exchange.ts). */
export interface DataPlaneDeps {
  readonly issuer: string;
  readonly clock: Clock;
  /** Which hub process this is (recorded in each audit entry). */
  readonly instanceId: string;
  readonly state: HubState;
  readonly authenticate: Authenticate;
  readonly quota: QuotaLimiter;
  readonly audit: AuditWriter;
  readonly subjects: SubjectHasher;
  readonly pools: ProviderPools;
  readonly circuits: ProviderCircuits;
  /** The hub's current signing key (the keyring's `current()`). */
  readonly signingKey: () => AssertionKey;
  readonly metrics: HubMetrics;
  /** Largest provider response the hub will buffer and project, bytes. */
  readonly maxResponseBytes: number;
}

/** One data-plane request, independent of the HTTP framework. */
export interface ExchangeRequest {
  readonly id: string;
  readonly method: string;
  /** Raw request target (path and query, still percent-encoded). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** Unread request body, if any. */
  readonly body: Readable | undefined;
}

/** What to send back. */
export interface ExchangeResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Server-side logging of failures (pino-compatible); never sent to clients. */
export interface ExchangeLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What the audit entry will say, filled in as the steps learn it. */
interface Facts {
  consumer: string | null;
  service: string | null;
  purpose: string | null;
  grantId: string | null;
  legalBasis: string | null;
  providerStatus: number | null;
  requestSha256: string | null;
  /** The subject's personal ID: only ever handed to the keyed hash, never stored or logged. */
  subject: string | null;
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * One data-plane exchange, top to bottom. Each step is its own file; this one only puts them in
 * order (the lifecycle of issue 3: authenticate → resolve → authorise → fields → quota → size →
 * forward → project → audit → respond). Any step may refuse with an NdxpError; a refusal is
 * audited and answered exactly like a success, so denials leave the same trail.
 */
export async function runExchange(deps: DataPlaneDeps, req: ExchangeRequest, log: ExchangeLog): Promise<ExchangeResponse> {
  const receivedMs = deps.clock.now();
  const t0 = performance.now();
  const facts: Facts = { consumer: null, service: null, purpose: null, grantId: null, legalBasis: null, providerStatus: null, requestSha256: null, subject: null };
  // The purpose as asked is recorded even when the call is refused, if it is a well-formed code.
  const asked = one(req.headers['x-ndxp-purpose']);
  if (asked !== undefined && PURPOSE_CODE.test(asked)) facts.purpose = asked;
  let answer: Answer;
  try {
    answer = await exchange(deps, req, facts, receivedMs);
  } catch (error) {
    // A refusal records what is known: a catalogued service named by the path is known even
    // before the caller is authenticated (the subject is not: an anonymous caller must not be
    // able to write entries into a citizen's history).
    if (facts.service === null) facts.service = catalogued(deps.state, req.url);
    answer = refuse(req, error, log, facts);
  }

  // 9. audit: the answer leaves only once its entry is durable (fail closed: no audit, no data).
  let seq: number;
  try {
    seq = await deps.audit.append(auditEntry(deps, req, facts, answer, receivedMs, t0));
  } catch (error) {
    log.error({ err: error, code: 'AUDIT_UNAVAILABLE', service: facts.service }, 'audit append failed; exchange refused');
    answer = refuse(req, isNdxpError(error) ? error : new NdxpError('AUDIT_UNAVAILABLE', { cause: error }), log, facts);
    return respond(deps, facts, answer, t0, undefined, req.id);
  }

  // 10. respond
  return respond(deps, facts, answer, t0, seq, req.id);
}

async function exchange(deps: DataPlaneDeps, req: ExchangeRequest, facts: Facts, nowMs: number): Promise<Answer> {
  // 1. authenticate: an RFC 9068 access token issued by this hub for the data plane.
  const auth = await deps.authenticate(one(req.headers.authorization));
  checkConsumer(deps.state, auth.consumer);
  facts.consumer = auth.consumer;

  // 2. resolve the service from the path (path tricks refused here) in the in-memory catalogue.
  const target = parseExchangePath(req.url);
  const { service, provider } = resolveService(deps.state, target.serviceId);
  facts.service = service.id;
  if (service.subjectLocator?.in !== 'body') facts.subject = locateSubject(service.subjectLocator, { segments: target.segments, query: target.query, headers: req.headers, body: null });

  // 3. authorise: an active grant, inside its validity window, covering the purpose.
  const { grant, purpose } = authoriseGrant(deps.state.grants(auth.consumer, service.id), one(req.headers['x-ndxp-purpose']), nowMs);
  facts.grantId = grant.id;
  facts.legalBasis = grant.legalBasis;

  // 4. fields: what the consumer asks for, within the grant.
  const fields = selectFields(grant.fields, req.headers['x-ndxp-fields']);

  // 5. quota: per grant, per minute.
  const quota = deps.quota.admit(grant.id, grant.quotaPerMinute, nowMs);
  if (!quota.ok) throw new NdxpError('QUOTA_EXCEEDED', { detail: `at most ${quota.limit} calls a minute`, extensions: { retry_after: quota.retryAfterSeconds } });

  // 6. size limit of this service, then the body is read.
  const body = await readBody(req.body, one(req.headers['content-length']), service.maxRequestBytes);
  facts.requestSha256 = sha256Hex(body);
  if (service.subjectLocator?.in === 'body') facts.subject = locateSubject(service.subjectLocator, { segments: target.segments, query: target.query, headers: req.headers, body });

  // 7. forward, with a hub-signed assertion; never the consumer's token or cookies.
  const base = splitBaseUrl(provider.baseUrl);
  const forwardTarget = providerTarget(base, target.tail, target.query);
  const assertion = signHubAssertion(deps.signingKey(), {
    issuer: deps.issuer, provider: provider.id, consumer: auth.consumer, service: service.id, purpose, grantId: grant.id,
    requestId: req.id, fields, method: req.method, target: forwardTarget, nowMs,
  });
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-request-id': req.id,
    'x-ndxp-consumer': auth.consumer,
    'x-ndxp-purpose': purpose,
    'x-ndxp-service': service.id,
    'x-ndxp-fields': fields.join(','),
    'x-ndxp-hub-assertion': assertion,
  };
  const contentType = one(req.headers['content-type']);
  if (body.length > 0 && contentType !== undefined) headers['content-type'] = contentType;
  const language = one(req.headers['accept-language']);
  if (language !== undefined) headers['accept-language'] = language;
  const outcome = await callProvider(deps.pools, deps.circuits, provider.id, {
    origin: base.origin, target: forwardTarget, method: req.method, headers, body: body.length > 0 ? body : null,
    timeoutMs: service.timeoutMs, maxResponseBytes: deps.maxResponseBytes,
  }, (status) => void (facts.providerStatus = status));

  // 8. project the provider's JSON to exactly the released fields.
  return renderOutcome(outcome, fields, req.id);
}

function catalogued(state: HubState, url: string): string | null {
  try {
    return state.service(parseExchangePath(url).serviceId)?.id ?? null;
  } catch {
    return null;
  }
}

function refuse(req: ExchangeRequest, error: unknown, log: ExchangeLog, facts: Facts): Answer {
  const e = isNdxpError(error) ? error : new NdxpError('INTERNAL', { cause: error });
  if (e.status >= 500 && e.code !== 'AUDIT_UNAVAILABLE') {
    const fields = { code: e.code, service: facts.service, consumer: facts.consumer, err: e.cause ?? e };
    if (e.code === 'INTERNAL') log.error(fields, 'exchange failed');
    else log.warn(fields, 'exchange failed');
  }
  const q = req.url.indexOf('?');
  return renderProblem(e, q < 0 ? req.url : req.url.slice(0, q), req.id, one(req.headers['accept-language']));
}

function auditEntry(deps: DataPlaneDeps, req: ExchangeRequest, facts: Facts, answer: Answer, receivedMs: number, t0: number): AuditEntry {
  const subject = facts.subject === null ? null : deps.subjects.hash(facts.subject);
  return {
    v: 1,
    time: new Date(receivedMs).toISOString(),
    request_id: req.id,
    hub_instance: deps.instanceId,
    consumer: facts.consumer,
    service: facts.service,
    method: req.method,
    purpose: facts.purpose,
    grant_id: facts.grantId,
    legal_basis: facts.legalBasis,
    fields: answer.fields,
    status: answer.status,
    provider_status: facts.providerStatus,
    error_code: answer.errorCode,
    latency_us: Math.round((performance.now() - t0) * 1000),
    request_sha256: facts.requestSha256,
    response_sha256: sha256Hex(answer.body),
    subject_hmac: subject,
    subject_key_id: subject === null ? null : deps.subjects.keyId,
  };
}

function respond(deps: DataPlaneDeps, facts: Facts, answer: Answer, t0: number, seq: number | undefined, requestId: string): ExchangeResponse {
  deps.metrics.exchange(facts.service, answer.status, (performance.now() - t0) / 1000);
  if (answer.errorCode !== null) deps.metrics.denial(answer.errorCode);
  const headers: Record<string, string> = { 'x-request-id': requestId };
  if (answer.contentType !== null) headers['content-type'] = answer.contentType;
  if (seq !== undefined) headers['x-ndxp-log-index'] = String(seq);
  if (answer.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(answer.retryAfterSeconds)));
  if (answer.errorCode === 'BODY_TOO_LARGE') headers['connection'] = 'close';
  return { status: answer.status, headers, body: answer.body };
}
