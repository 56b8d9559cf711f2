import { ERROR_CATALOG, type ErrorCode, type ErrorOrigin } from './catalog.ts';

/** One invalid input location, as a JSON pointer into the request part it names. */
export interface FieldError {
  readonly in: 'body' | 'query' | 'params' | 'headers';
  readonly pointer: string;
  readonly message: string;
}

export interface NdxpErrorOptions {
  /** Human explanation specific to this occurrence. Must never contain secrets, SQL or stack traces. */
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  /** Extra problem members (RFC 9457 §3.2 extension members), e.g. `retry_after`. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Override the catalogue's origin (e.g. a validation error relayed from a provider). */
  readonly origin?: ErrorOrigin;
  readonly cause?: unknown;
}

/**
 * The one error class of NDXP. Its `code` comes from a closed union, its `status` and `origin`
 * from the catalogue, so the same code always means the same HTTP status everywhere.
 * `expose` follows oidc-provider: only client errors (< 500) show their detail to callers.
 */
export class NdxpError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly origin: ErrorOrigin;
  readonly detail: string | undefined;
  readonly errors: readonly FieldError[] | undefined;
  readonly extensions: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, options: NdxpErrorOptions = {}) {
    const spec = ERROR_CATALOG[code];
    super(options.detail ?? spec.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NdxpError';
    this.code = code;
    this.status = spec.status;
    this.origin = options.origin ?? spec.origin;
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }

  /** Whether the detail may be shown to the caller (never for 5xx). */
  get expose(): boolean {
    return this.status < 500;
  }
}

export function isNdxpError(value: unknown): value is NdxpError {
  return value instanceof NdxpError;
}
