import { readFile } from 'node:fs/promises';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { NdxpError } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import type { PlanItem } from './plan-types.ts';

const RawItem = Type.Object({
  id: Type.String({ pattern: '^(I|II|III|IV)\\.[0-9]{1,2}$' }),
  section: Type.Union([Type.Literal('institutions'), Type.Literal('connections'), Type.Literal('public-services'), Type.Literal('coordination')]),
  task_vi: Type.Optional(Type.String({ minLength: 1 })),
  task_en: Type.Optional(Type.String({ minLength: 1 })),
  peer_db_vi: Type.Optional(Type.String({ minLength: 1 })),
  peer_db_en: Type.Optional(Type.String({ minLength: 1 })),
  lead: Type.String({ minLength: 1 }),
  coordinating: Type.Array(Type.String()),
  deadline: Type.String({ pattern: '^([0-9]{4}-[0-9]{2}|ongoing)$' }),
  deadline_note: Type.Optional(Type.String()),
  product_vi: Type.String(),
  software: Type.Optional(Type.String()),
});
const RawPlan = Type.Object({ source: Type.String({ minLength: 1 }), items: Type.Array(RawItem, { minItems: 1 }) });

/** The action plan: its source (the decision it transcribes) and its items in order. */
export interface ActionPlan {
  readonly source: string;
  readonly items: readonly PlanItem[];
}

/** Where the plan is kept: a transcription of the appendix of Decision 47/QĐ-BTTTT. */
export const ACTION_PLAN_FILE = new URL('./action-plan.json', import.meta.url);

/**
 * Read and check the action plan. Section II items name a peer database, the others a task;
 * both become `title_vi`/`title_en`. Throws CONFIG_INVALID if the file is malformed or an id
 * repeats, so a broken plan stops the hub at start rather than showing a wrong picture.
 */
export async function loadActionPlan(file: URL = ACTION_PLAN_FILE): Promise<ActionPlan> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new NdxpError('CONFIG_INVALID', { detail: `action plan ${file.pathname} is not readable JSON`, cause: e });
  }
  if (!Value.Check(RawPlan, raw)) {
    const first = [...Value.Errors(RawPlan, raw)][0];
    throw new NdxpError('CONFIG_INVALID', { detail: `action plan ${file.pathname}: ${first?.instancePath ?? ''} ${first?.message ?? 'invalid'}` });
  }
  const seen = new Set<string>();
  const items = raw.items.map((r): PlanItem => {
    if (seen.has(r.id)) throw new NdxpError('CONFIG_INVALID', { detail: `action plan: item ${r.id} appears twice` });
    seen.add(r.id);
    const title_vi = r.peer_db_vi ?? r.task_vi;
    const title_en = r.peer_db_en ?? r.task_en;
    if (title_vi === undefined || title_en === undefined) throw new NdxpError('CONFIG_INVALID', { detail: `action plan: item ${r.id} has no task or peer database` });
    return {
      id: r.id,
      section: r.section,
      title_vi,
      title_en,
      lead: r.lead,
      coordinating: r.coordinating,
      deadline: r.deadline,
      ...(r.deadline_note === undefined ? {} : { deadline_note: r.deadline_note }),
      product_vi: r.product_vi,
    };
  });
  return { source: raw.source, items };
}

/** Upsert the items into `plan_items` (the JSON file stays the source of truth). */
export async function syncPlanItems(db: Queryable, plan: ActionPlan): Promise<void> {
  const items = plan.items;
  await db.query(
    `INSERT INTO plan_items (id, section, position, title_vi, title_en, lead, deadline, item)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
     ON CONFLICT (id) DO UPDATE SET section = EXCLUDED.section, position = EXCLUDED.position, title_vi = EXCLUDED.title_vi,
       title_en = EXCLUDED.title_en, lead = EXCLUDED.lead, deadline = EXCLUDED.deadline, item = EXCLUDED.item, updated_at = now()`,
    [
      items.map((i) => i.id),
      items.map((i) => i.section),
      items.map((_, n) => n),
      items.map((i) => i.title_vi),
      items.map((i) => i.title_en),
      items.map((i) => i.lead),
      items.map((i) => i.deadline),
      items.map((i) => JSON.stringify(i)),
    ],
  );
}
