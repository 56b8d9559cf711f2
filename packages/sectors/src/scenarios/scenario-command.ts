import { systemClock, type Clock } from '@ndxp/core';
import { createConsumer, type Consumer } from '@ndxp/sdk';
import { loginHubAdmin } from '../runtime/hub-admin.ts';
import { NPDB_SIDE_CONSUMER } from '../runtime/npdb-api.ts';
import { registerNewKey, type SubsystemCredentials } from '../runtime/provision.ts';
import type { PopulationSpec } from '../runtime/seed-system.ts';
import { subsystemIdOf } from '../runtime/start-sector-system.ts';
import { SECTOR_SYSTEMS, systemFor } from '../systems/index.ts';
import { formatScenarioReport } from './format-report.ts';
import { runScenario, type ScenarioReport } from './run-scenario.ts';

export interface ScenarioCommandOptions {
  /** The hub's base URL (its issuer). */
  readonly hubUrl: string;
  /** An operator account of the hub (it registers the short-lived keys the scenario signs with). */
  readonly username: string;
  readonly password: string;
  /** The population the NPDB and the sectors were seeded with. */
  readonly population: PopulationSpec;
  /** Where to print the report (default stdout); `null` prints nothing. */
  readonly print?: ((text: string) => void) | null;
  readonly clock?: Clock;
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/** Lifetime of the keys a command run registers: long enough for one run, then useless. */
const RUN_KEY_TTL_MS = 15 * 60 * 1000;

/**
 * `ndxp scenario run II.9` (or `all`): run the scenario of one connection, or of all 19, against a
 * running platform. The operator registers a short-lived key for each subsystem the scenario acts
 * as (the agencies' own keys never leave their systems), then the calls go through the hub like
 * any other exchange. Prints what happened and returns the reports.
 */
export async function runScenarioCommand(id: string, options: ScenarioCommandOptions): Promise<ScenarioReport[]> {
  const ids = id === 'all' ? SECTOR_SYSTEMS.map((s) => s.planItem) : [id];
  for (const i of ids) if (systemFor(i) === undefined) throw new Error(`unknown connection ${i}: use II.1 … II.19 or all`);
  const clock = options.clock ?? systemClock;
  const admin = await loginHubAdmin(options.hubUrl, options.username, options.password, options.fetch);
  const notAfter = clock.now() + RUN_KEY_TTL_MS;
  const consumers = new Map<string, Consumer>();
  const consumerFor = (creds: SubsystemCredentials) => createConsumer({ hubUrl: options.hubUrl, clientId: creds.clientId, kid: creds.kid, privateKey: creds.privateJwk, clock, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) });
  consumers.set(NPDB_SIDE_CONSUMER, consumerFor(await registerNewKey(admin, NPDB_SIDE_CONSUMER, notAfter)));
  const print = options.print === undefined ? (t: string) => process.stdout.write(`${t}\n`) : options.print;
  const reports: ScenarioReport[] = [];
  for (const item of ids) {
    const system = systemFor(item);
    if (system === undefined) continue;
    const self = subsystemIdOf(system);
    if (!consumers.has(self)) consumers.set(self, consumerFor(await registerNewKey(admin, self, notAfter)));
    const report = await runScenario(item, {
      population: options.population,
      consumerFor: (subsystemId) => {
        const c = consumers.get(subsystemId);
        if (c === undefined) throw new Error(`no credentials for ${subsystemId}`);
        return c;
      },
    });
    reports.push(report);
    print?.(formatScenarioReport(report) + '\n');
  }
  return reports;
}
