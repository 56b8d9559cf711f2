export * from './normalize-name.ts';
export * from './name-key.ts';
export * from './compare-names.ts';
