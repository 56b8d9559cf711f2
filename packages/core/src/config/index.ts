export * from './parse-config.ts';
