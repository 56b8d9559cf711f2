/**
 * @ndxp/core: the innermost library. It imports nothing of ours (an architecture test checks).
 */
export * from './brand.ts';
export * from './clock.ts';
export * from './errors/index.ts';
export * from './config/index.ts';
export * from './http/index.ts';
