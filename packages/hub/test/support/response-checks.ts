import { isErrorCode } from '@ndxp/core';

/**
 * Marks of internals that must never reach a client: stack frames, source and module paths,
 * PostgreSQL and driver error texts, JavaScript error class names, SQL statements. Each is a
 * pattern that no NDXP answer produces on purpose; a fuzzer's own input echoed back in a 4xx
 * detail is excluded by {@link internalsLeaked} before matching.
 */
export const INTERNAL_MARKS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'stack frame', pattern: /\n\s+at [^\n]*[:(]\d+:\d+\)?/ },
  { name: 'stack frame', pattern: /\bat (?:async )?[\w.<>$]+ \((?:file:\/\/)?\/[^)]+:\d+:\d+\)/ },
  { name: 'source path', pattern: /(?:\/work\/|\/home\/|\/srv\/|\/usr\/lib\/|node_modules|node:internal)/ },
  { name: 'source file', pattern: /\b[\w-]+\.(?:ts|js|mjs|cjs):\d+/ },
  { name: 'PostgreSQL error', pattern: /\b(?:syntax error at or near|violates (?:foreign key|unique|check|not-null) constraint|duplicate key value|invalid input syntax for|relation "[^"]*" does not exist|column "[^"]*" (?:does not exist|of relation)|current transaction is aborted|out of range for type|value too long for type|unterminated quoted string)\b/i },
  { name: 'driver error', pattern: /\b(?:ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|UND_ERR_[A-Z_]+|ERR_[A-Z_]{4,}|FST_ERR_[A-Z_]+)\b/ },
  { name: 'JavaScript error', pattern: /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|AggregateError): / },
  { name: 'SQL statement', pattern: /\b(?:SELECT [\w*, ."]+ FROM|INSERT INTO \w+|UPDATE \w+ SET|DELETE FROM \w+)\b/ },
];

/**
 * The names of internal marks found in `body`, ignoring any that also occur in what the client
 * itself sent (`sent`): an answer may legitimately quote the caller's input back in a 4xx detail.
 */
export function internalsLeaked(body: string, sent = ''): string[] {
  const found: string[] = [];
  for (const { name, pattern } of INTERNAL_MARKS) {
    for (const m of body.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g'))) {
      if (sent !== '' && sent.includes(m[0])) continue;
      found.push(`${name}: ${JSON.stringify(m[0].slice(0, 80))}`);
      break;
    }
  }
  return found;
}

/** A response as the checks see it (fastify inject, undici or a raw socket). */
export interface SeenResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  readonly body: string;
}

/**
 * Why `res` breaks the hub's promises to clients, or an empty list: no 5xx unless `allow5xx`
 * (provider and audit failures are honest 5xx); every 4xx/5xx an RFC 9457 problem+json with a
 * catalogued `code`, its `status` equal to the HTTP status, an `origin` and a `request_id`; no 5xx
 * with a `detail`; nothing internal in any answer.
 */
export function problemsWith(res: SeenResponse, sent = '', options: { allow5xx?: boolean; allowedOrigins?: readonly string[] } = {}): string[] {
  const out: string[] = [];
  const s = res.statusCode;
  if (s >= 500 && options.allow5xx !== true) out.push(`status ${s}`);
  if (s >= 400) {
    const ct = String(res.headers['content-type'] ?? '');
    if (!ct.startsWith('application/problem+json')) out.push(`error without problem+json (content-type ${ct})`);
    let doc: Record<string, unknown> | undefined;
    try {
      doc = JSON.parse(res.body) as Record<string, unknown>;
    } catch {
      out.push('error body is not JSON');
    }
    if (doc !== undefined) {
      if (typeof doc['code'] !== 'string' || (doc['origin'] !== 'provider' && !isErrorCode(doc['code']))) out.push(`uncatalogued code ${JSON.stringify(doc['code'])}`);
      if (doc['status'] !== s) out.push(`problem status ${String(doc['status'])} ≠ HTTP ${s}`);
      if (!['client', 'hub', 'provider'].includes(String(doc['origin']))) out.push(`bad origin ${String(doc['origin'])}`);
      if (options.allowedOrigins !== undefined && !options.allowedOrigins.includes(String(doc['origin']))) out.push(`origin ${String(doc['origin'])}`);
      if (typeof doc['request_id'] !== 'string') out.push('problem without request_id');
      if (s >= 500 && doc['detail'] !== undefined) out.push('5xx problem with a detail');
    }
  }
  for (const leak of internalsLeaked(res.body, sent)) out.push(`leak: ${leak}`);
  for (const [name, value] of Object.entries(res.headers)) {
    for (const leak of internalsLeaked(String(value), sent)) out.push(`leak in header ${name}: ${leak}`);
  }
  return out;
}

/** Run `work` but fail if it takes longer than `ms` (a hang is a failure, not a slow pass). */
export async function within<T>(ms: number, what: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what} took more than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
