/**
 * @ndxp/npdb: the reference National Population Database service (Ministry of Public Security in
 * reality): verify, lookup, household, change feed, batch verify and documents linked by sectoral
 * systems, over a synthetic population.
 */
export { buildNpdbApp, type NpdbAppOptions, type NpdbGuard } from './http/build-app.ts';
export { npdbOpenApiDocument } from './http/openapi-document.ts';
export { npdbServiceDescriptors, type NpdbServiceDescriptor, type SubjectLocator } from './descriptors.ts';
export { NPDB_CITIZEN_FIELDS, CITIZEN_FIELD_SPECS, type CitizenFieldName, type CitizenFieldSpec } from './fields/citizen-fields.ts';
export { npdbEnvSchema, type NpdbConfig } from './config.ts';
export { startNpdb, type StartNpdbOptions, type RunningNpdb } from './start-npdb.ts';
export { migrateNpdb } from './migrate-npdb.ts';
export { seedPopulation, recoverInterruptedLoad, type SeedOptions, type SeedProgress, type SeedResult } from './seed/seed-population.ts';
export { runSeedCommand, type SeedCommandOptions, type SeedCommandResult } from './seed/run-seed-command.ts';
