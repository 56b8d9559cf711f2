export * from './century-gender.ts';
export * from './validate-personal-id.ts';
export * from './make-personal-id.ts';
export * from './iso-date.ts';
