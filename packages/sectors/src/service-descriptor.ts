/**
 * What the hub's catalogue needs to register a service (the columns of `services` in the hub's
 * migration 0001): a sectoral system, whether written in code or by the declarative adapter,
 * produces one per service it provides.
 */
export type DataClass = 'open' | 'shared' | 'private';

/** Where the data subject's personal ID sits in a request (the hub hashes it into the log). */
export type SubjectLocator =
  | { readonly in: 'path'; readonly name: string }
  | { readonly in: 'query'; readonly name: string }
  | { readonly in: 'body'; readonly pointer: string };

export interface ServiceDescriptor {
  /** `a-z0-9-`, unique within the subsystem. */
  readonly code: string;
  /** `v1`, `v2`… */
  readonly version: string;
  /** Vietnamese title (shown first). */
  readonly title: string;
  readonly title_en: string;
  readonly description?: string;
  /** Data Law 2024: open, shared or private data. */
  readonly data_class: DataClass;
  /** Laws and decrees that allow the sharing, cited in full. */
  readonly legal_bases: readonly string[];
  /** JSON pointers into the response that the service can return (grants pick among them). */
  readonly fields: readonly string[];
  readonly subject_locator: SubjectLocator | null;
  /** OpenAPI 3.1 document of the service, paths relative to the service root. */
  readonly openapi: Record<string, unknown>;
  readonly timeout_ms?: number;
}
