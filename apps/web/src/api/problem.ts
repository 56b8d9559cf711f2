/**
 * RFC 9457 problem details as NDXP sends them (see packages/core `toProblem`): a stable `code`
 * from the closed catalogue, an `origin` (client / hub / provider), a title in the language asked
 * for with Accept-Language (Vietnamese by default) and the request id that finds the server log.
 */
export interface Problem {
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly origin?: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly request_id?: string;
  readonly errors?: readonly { readonly in: string; readonly pointer: string; readonly message: string }[];
}

/** A failed API call. `problem` is absent when the server could not be reached at all. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;

  constructor(status: number, problem: Problem | undefined, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** True for a network failure (no HTTP response). */
  get network(): boolean {
    return this.status === 0;
  }
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['title'] === 'string' && typeof v['status'] === 'number' && typeof v['code'] === 'string';
}
