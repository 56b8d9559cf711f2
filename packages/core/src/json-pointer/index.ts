export * from './json-pointer.ts';
export * from './project-fields.ts';
