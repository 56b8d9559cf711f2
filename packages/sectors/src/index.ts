/**
 * @ndxp/sectors: the 19 reference sectoral systems of section II of the action plan (Decision
 * 47/QĐ-BTTTT), the declarative adapter that publishes an existing database or REST API as a hub
 * service without code, and the scenarios that exercise each connection through the hub.
 */
export * from './adapter/index.ts';
export type { DataClass, ServiceDescriptor, SubjectLocator } from './service-descriptor.ts';
export { SECTOR_SYSTEMS, systemFor } from './systems/index.ts';
export type { SectorSystem, ScenarioCall, GrantSpec, DocumentLink, Subject } from './runtime/sector-system.ts';
export { startSectorSystem, subsystemIdOf, type RunningSectorSystem, type StartSectorSystemOptions } from './runtime/start-sector-system.ts';
export { startSectors, type RunningSectors, type StartSectorsOptions } from './runtime/start-sectors.ts';
export { openSchemaDatabase, schemaNameOf } from './runtime/schema-database.ts';
export { prepareSystemDatabase, prepareSystemDatabases, peopleOf, deriveRows, type PopulationSpec, type SeedSummary } from './runtime/seed-system.ts';
export { loginHubAdmin, HubAdminError, type HubAdmin } from './runtime/hub-admin.ts';
export { provisionSectorSystem, provisionNpdbSide, ensureActiveGrant, ensureService, registerNewKey, npdbGrantsOf, npdbSideGrantsOf, type SubsystemCredentials, type ActiveGrant } from './runtime/provision.ts';
export { NPDB_SERVICES, NPDB_SIDE_CONSUMER, NPDB_DOCUMENT_TYPES } from './runtime/npdb-api.ts';
export { runScenario, findSubject, maskPersonalIds, type ScenarioContext, type ScenarioReport, type ScenarioCallResult } from './scenarios/run-scenario.ts';
export { runScenarioCommand, type ScenarioCommandOptions } from './scenarios/scenario-command.ts';
export { formatScenarioReport } from './scenarios/format-report.ts';
