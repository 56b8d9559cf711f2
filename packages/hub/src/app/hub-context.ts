import type { Clock, createLogger } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import type { HubKeyring } from '../identity/hub-keyring.ts';
import type { HubConfig } from './hub-config.ts';

/** The hub's structured logger (pino, with NDXP's redaction paths). */
export type HubLogger = ReturnType<typeof createLogger>;

/**
 * What every part of the hub is given at start: explicit dependencies, no globals, so tests pass a
 * fixed clock and a fresh database. Built once by `buildHub`.
 */
export interface HubContext {
  readonly db: Db;
  readonly config: HubConfig;
  readonly clock: Clock;
  readonly logger: HubLogger;
  readonly keyring: HubKeyring;
}
