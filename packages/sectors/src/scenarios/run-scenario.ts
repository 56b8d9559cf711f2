import { NdxpCallError, type Consumer } from '@ndxp/sdk';
import { linkDocumentCall, NPDB_DOCUMENT_TYPES, NPDB_SIDE_CONSUMER } from '../runtime/npdb-api.ts';
import { deriveRows, peopleOf, type PopulationSpec } from '../runtime/seed-system.ts';
import type { ScenarioCall, SectorSystem, Subject } from '../runtime/sector-system.ts';
import { subsystemIdOf } from '../runtime/start-sector-system.ts';
import { systemFor } from '../systems/index.ts';

/** What a scenario needs: the population the services hold, and consumers to act as. */
export interface ScenarioContext {
  readonly population: PopulationSpec;
  /** A consumer (SDK) that acts as `subsystemId` (`member/subsystem`). */
  consumerFor(subsystemId: string): Consumer;
}

/** Which way a call goes, relative to the sectoral system. */
export type CallDirection = 'consumes' | 'enriches' | 'provides';

/** One exchange a scenario made through the hub. */
export interface ScenarioCallResult {
  readonly direction: CallDirection;
  /** Consumer subsystem. */
  readonly caller: string;
  /** Service id `member/subsystem/service/version`. */
  readonly service: string;
  readonly method: string;
  /** Path below the service, with personal IDs masked. */
  readonly path: string;
  readonly purpose: string;
  readonly why: string;
  /** HTTP status the hub answered (0: no answer). */
  readonly status: number;
  /** Problem code when refused or failed. */
  readonly code: string | null;
  /** Index of the exchange in the hub's transparency log. */
  readonly logIndex: number | null;
  readonly requestId: string | null;
  /** A short account of the answer (never the personal data itself). */
  readonly outcome: string;
}

export interface ScenarioReport {
  readonly item: string;
  readonly system: string;
  readonly title: string;
  /** The subject's personal ID, masked. */
  readonly subject: string;
  readonly calls: readonly ScenarioCallResult[];
  /** Documents the system would link but the NPDB does not accept yet, with why. */
  readonly notSent: readonly { readonly doc_type: string; readonly reason: string }[];
  /** Every call answered 2xx. */
  readonly ok: boolean;
}

/** `001089012345` → `001******345`: enough to tell people apart in a printout, not to identify them. */
export function maskPersonalIds(text: string): string {
  return text.replace(/\b([0-9]{3})[0-9]{6}([0-9]{3})\b/g, '$1******$2');
}

function describeAnswer(body: unknown, status: number): string {
  if (body === null || typeof body !== 'object') return `HTTP ${status}`;
  const b = body as Record<string, unknown>;
  if (typeof b['match'] === 'boolean') {
    const fields = b['fields'] as Record<string, string> | undefined;
    const detail = fields === undefined ? '' : ` (${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join(', ')})`;
    return `match=${String(b['match'])}${b['deceased'] === true ? ', deceased' : ''}${detail}`;
  }
  if (Array.isArray(b['items'])) return `${b['items'].length} bản ghi / records`;
  if (typeof b['type'] === 'string' && typeof b['number'] === 'string') return `${status === 201 ? 'linked' : 'relinked'} ${b['type']}`;
  const keys = Object.keys(b);
  return `fields: ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}`;
}

/** The first person of the population who is a good subject for this system's scenario. */
export function findSubject(system: SectorSystem, population: PopulationSpec): Subject | undefined {
  for (const member of peopleOf(population)) {
    const { rows, ctx } = deriveRows(system, member, population);
    const subject: Subject = { person: member.person, facts: ctx.facts, rows };
    if (system.isSubject(subject)) return subject;
  }
  return undefined;
}

async function perform(consumer: Consumer, caller: string, direction: CallDirection, call: ScenarioCall, service: string): Promise<ScenarioCallResult> {
  const base = { direction, caller, service, method: call.method, path: maskPersonalIds(call.path), purpose: call.purpose, why: call.why };
  try {
    const res = await consumer.call(service, call.path, {
      purpose: call.purpose,
      method: call.method,
      ...(call.body === undefined ? {} : { body: call.body }),
      ...(call.fields === undefined ? {} : { fields: call.fields }),
    });
    return { ...base, status: res.status, code: null, logIndex: res.logIndex ?? null, requestId: res.requestId ?? null, outcome: describeAnswer(res.body, res.status) };
  } catch (error) {
    if (error instanceof NdxpCallError) {
      return { ...base, status: error.status, code: error.code, logIndex: error.logIndex ?? null, requestId: error.requestId ?? null, outcome: maskPersonalIds(error.problem.detail ?? error.problem.title) };
    }
    return { ...base, status: 0, code: 'NETWORK', logIndex: null, requestId: null, outcome: maskPersonalIds(error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * Run the scenario of one connection (`II.1`…`II.19`): real exchanges through the hub in both
 * directions. The sectoral system calls the NPDB as the real agency does (verify or look up the
 * subject), links its documents to the NPDB where the NPDB accepts them, and the NPDB side calls
 * the system's own service about the same person. The subject is the first suitable person of
 * the population both databases hold, found from the seed without reading either database.
 */
export async function runScenario(itemId: string, ctx: ScenarioContext): Promise<ScenarioReport> {
  const system = systemFor(itemId);
  if (system === undefined) throw new Error(`no reference system for ${itemId} (expected II.1 to II.19)`);
  const subject = findSubject(system, ctx.population);
  if (subject === undefined) throw new Error(`${itemId}: no suitable subject among ${ctx.population.count} people (seed ${ctx.population.seed}); use a larger population`);
  const self = subsystemIdOf(system);
  const mine = ctx.consumerFor(self);
  const npdbSide = ctx.consumerFor(NPDB_SIDE_CONSUMER);
  const calls: ScenarioCallResult[] = [];

  for (const call of system.outbound(subject)) calls.push(await perform(mine, self, 'consumes', call, call.service));

  const notSent: { doc_type: string; reason: string }[] = [];
  for (const link of system.links(subject)) {
    if (!NPDB_DOCUMENT_TYPES.includes(link.doc_type)) {
      notSent.push({ doc_type: link.doc_type, reason: 'CSDLQG về dân cư chưa nhận loại giấy tờ này / the NPDB does not accept this document type yet' });
      continue;
    }
    const call = linkDocumentCall(subject.person.personalId, link, `Bổ sung, làm giàu dữ liệu dân cư: liên kết ${link.doc_type} / enrich the NPDB with the ${link.doc_type}`);
    calls.push(await perform(mine, self, 'enriches', call, call.service));
  }

  for (const call of system.inbound(subject)) calls.push(await perform(npdbSide, NPDB_SIDE_CONSUMER, 'provides', call, `${self}/${call.service}`));

  return {
    item: system.planItem,
    system: self,
    title: system.subsystem.name,
    subject: maskPersonalIds(subject.person.personalId),
    calls,
    notSent,
    ok: calls.length > 0 && calls.every((c) => c.status >= 200 && c.status < 300),
  };
}
