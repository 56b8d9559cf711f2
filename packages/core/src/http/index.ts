export * from './create-server.ts';
export * from './error-handler.ts';
export * from './validator-compiler.ts';
export * from './logger.ts';
export * from './json-depth.ts';
