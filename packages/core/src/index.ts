/**
 * @ndxp/core: the innermost library. It imports nothing of ours (an architecture test checks).
 */
export * from './brand.ts';
export * from './clock.ts';
export * from './errors/index.ts';
export * from './config/index.ts';
export * from './http/index.ts';
export * from './personal-id/index.ts';
export * from './names/index.ts';
export * from './admin-units/index.ts';
export * from './json-pointer/index.ts';
