import type { Clock, HttpServer } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import type { Rng, SyntheticPerson } from '@ndxp/synthetic';
import type { FieldsOf } from '../adapter/register-adapter-route.ts';
import type { PersonFacts } from '../population/person-facts.ts';
import type { ServiceDescriptor } from '../service-descriptor.ts';

/** Rows of one person in one system, per table (column name → value; null for SQL NULL). */
export type Rows = Readonly<Record<string, readonly Readonly<Record<string, string | number | boolean | null>>[]>>;

/** What `derive` is given besides the person. */
export interface DeriveContext {
  readonly seed: string;
  /** Reference date of the population, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Position of the person in the population: registry numbers are built from it (unique by construction). */
  readonly ordinal: number;
  readonly facts: PersonFacts;
  /** This system's own random stream for this person (seeded by seed, system and personal ID). */
  readonly rng: Rng;
}

/** A service the system provides, written in code (the others are adapter configuration files). */
export interface CodeService {
  readonly kind: 'code';
  readonly descriptor: ServiceDescriptor;
  register(app: HttpServer, deps: { readonly db: Db; readonly fieldsOf: FieldsOf; readonly clock: Clock }): void;
}

/** A service published by the declarative adapter: a YAML file in the system's `services/` folder. */
export interface AdapterService {
  readonly kind: 'adapter';
  readonly file: URL;
}

export type ProvidedService = CodeService | AdapterService;

/** One call a scenario makes through the hub. */
export interface ScenarioCall {
  /** Service id below the provider, e.g. `citizen-verify/v1`, or a full id `BCA/npdb/citizen-verify/v1`. */
  readonly service: string;
  readonly method: 'GET' | 'POST';
  /** Path below the service root. */
  readonly path: string;
  readonly body?: unknown;
  readonly purpose: string;
  readonly fields?: readonly string[];
  /** What this call means, for the printout (Vietnamese first). */
  readonly why: string;
}

/** An access the system (or the NPDB side) holds on a service, recorded on the hub as a grant. */
export interface GrantSpec {
  /** `member/subsystem/service/version`. */
  readonly service: string;
  readonly fields: readonly string[];
  readonly purposes: readonly string[];
  /** The law that allows this use, cited in full (recorded on the grant). */
  readonly legalBasis: string;
  readonly quotaPerMinute?: number;
}

/** A document or identifier the system sends to the NPDB (bổ sung làm giàu dữ liệu dân cư). */
export interface DocumentLink {
  readonly doc_type: string;
  readonly number: string;
  readonly issued_by: string;
  readonly issued_on: string | null;
  readonly expires_on: string | null;
}

/** The records of the scenario's subject, for building its calls. */
export interface Subject {
  readonly person: SyntheticPerson;
  readonly facts: PersonFacts;
  readonly rows: Rows;
}

/**
 * One reference sectoral system of the action plan (II.1–II.19): its identity on the hub, its own
 * database (migrations in `migrations/`), how it derives its records from the synthetic
 * population, the services it provides, the NPDB services it uses and the documents it links.
 * Everything a runner, a provisioner or a scenario needs is data here.
 */
export interface SectorSystem {
  /** Action-plan item, e.g. `II.9`. */
  readonly planItem: string;
  readonly member: { readonly code: string; readonly name: string; readonly name_en: string };
  readonly subsystem: { readonly code: string; readonly name: string; readonly name_en: string };
  /** Folder holding `migrations/` (and `services/` for adapter services). */
  readonly directory: URL;
  /** Tables in load order with their columns (COPY order). */
  readonly tables: Readonly<Record<string, readonly string[]>>;
  /** The person's records in this system; empty tables when the person is not in it. */
  derive(person: SyntheticPerson, ctx: DeriveContext): Rows;
  readonly services: readonly ProvidedService[];
  /** NPDB services this system uses, with purpose and legal basis. */
  readonly consumes: readonly GrantSpec[];
  /** How the NPDB side may use this system's services (grant for `BCA/sector-exchange`). */
  readonly exposes: readonly (Omit<GrantSpec, 'service'> & { readonly serviceCode: string; readonly version: string })[];
  /** Types of the documents this system links in the NPDB (`links` yields only these). */
  readonly enriches: readonly string[];
  /** Documents to link in the NPDB for a subject (empty when this system links none). */
  links(subject: Subject): readonly DocumentLink[];
  /** Whether the person is a good scenario subject (has records worth showing). */
  isSubject(subject: Subject): boolean;
  /** Calls the system makes to the NPDB for the subject. */
  outbound(subject: Subject): readonly ScenarioCall[];
  /** Calls the NPDB side makes to this system for the subject. */
  inbound(subject: Subject): readonly ScenarioCall[];
}
