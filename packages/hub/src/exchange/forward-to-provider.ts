import type { IncomingHttpHeaders } from 'node:http';
import { NdxpError } from '@ndxp/core';
import type { ProviderPools } from './provider-pools.ts';

/** What the hub sends to a provider. */
export interface ForwardRequest {
  /** Scheme, host and port of the provider (the pool key). */
  readonly origin: string;
  /** Request target on the provider: see {@link providerTarget}. */
  readonly target: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | null;
  readonly timeoutMs: number;
  /** Larger provider responses are refused (PROVIDER_BAD_RESPONSE) rather than buffered. */
  readonly maxResponseBytes: number;
}

/** A provider's answer, fully read. */
export interface ProviderResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

/** A provider `base_url` split into its pool origin and base path (without a trailing slash). */
export interface ProviderBase {
  readonly origin: string;
  readonly basePath: string;
}

const bases = new Map<string, ProviderBase>();

/** Split (and remember) a provider base URL. */
export function splitBaseUrl(baseUrl: string): ProviderBase {
  let b = bases.get(baseUrl);
  if (b === undefined) {
    const u = new URL(baseUrl);
    b = { origin: u.origin, basePath: u.pathname.replace(/\/+$/, '') };
    if (bases.size > 10_000) bases.clear();
    bases.set(baseUrl, b);
  }
  return b;
}

/**
 * The request target on the provider: base path + validated tail + query. The tail contains no
 * dot segments or encoded slashes (parse-exchange-path.ts), so the target stays below the base.
 */
export function providerTarget(base: ProviderBase, tail: string, query: string): string {
  return base.basePath + tail + (query === '' ? '' : `?${query}`);
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Send one request to a provider over its pooled keep-alive connection and read the whole
 * answer. `onStatus` learns the status as soon as the headers arrive (for the audit entry). The time limit applies to the wait for the response headers and, separately, to each
 * wait between body chunks (undici `headersTimeout` / `bodyTimeout`), so a provider that answers
 * slowly is cut off after `timeoutMs` of silence. Redirects are never followed.
 *
 * Errors: PROVIDER_TIMEOUT (504) when the time limit passes, PROVIDER_UNAVAILABLE (503) when no
 * connection can be made or it breaks, PROVIDER_BAD_RESPONSE (502) for an oversized answer.
 */
export async function forwardToProvider(pools: ProviderPools, req: ForwardRequest, onStatus?: (status: number) => void): Promise<ProviderResponse> {
  let res;
  try {
    res = await pools.pool(req.origin).request({
      path: req.target,
      method: req.method as 'GET',
      headers: req.headers,
      body: req.body,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
  } catch (error) {
    throw transportError(error);
  }
  // The provider has answered, even if its body then turns out too large or is cut off.
  onStatus?.(res.statusCode);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      const b = chunk as Buffer;
      size += b.length;
      if (size > req.maxResponseBytes) {
        res.body.destroy();
        throw new NdxpError('PROVIDER_BAD_RESPONSE', { detail: `response larger than ${req.maxResponseBytes} bytes` });
      }
      chunks.push(b);
    }
  } catch (error) {
    if (error instanceof NdxpError) throw error;
    throw transportError(error);
  }
  const ct = (res.headers as IncomingHttpHeaders)['content-type'];
  return { status: res.statusCode, contentType: typeof ct === 'string' ? ct : undefined, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) };
}

function transportError(error: unknown): NdxpError {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return new NdxpError('PROVIDER_TIMEOUT', { cause: error });
  return new NdxpError('PROVIDER_UNAVAILABLE', { cause: error });
}
