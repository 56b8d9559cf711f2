export * from './catalog.ts';
export * from './ndxp-error.ts';
export * from './to-problem.ts';
export * from './render-catalog.ts';
