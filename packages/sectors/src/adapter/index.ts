/**
 * The declarative adapter: publish an existing PostgreSQL database or REST API as a hub service
 * with a configuration file and no code. See docs/adapter.md.
 */
export * from './adapter-config.ts';
export * from './adapter-config-error.ts';
export * from './load-adapter.ts';
export { MANY_PREFIX, type FieldsOf } from './register-adapter-route.ts';
export { compileNamedSql, type CompiledSql } from './compile-named-sql.ts';
export { checkAdapterFiles, type CheckAdapterFilesOptions } from './check-adapter-files.ts';
export { serveAdapters, type ServeAdaptersOptions, type ServedAdapters } from './serve-adapters.ts';
