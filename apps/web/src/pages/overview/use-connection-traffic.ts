import { useEffect, useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { PlanItemDetail, PlanItemView } from '../../api/types.ts';
import { useApi } from '../../auth/session-context.tsx';

/**
 * The per-day figures of every connection item that has at least one link (items with no link
 * have no traffic to chart). One request per item, refreshed with the plan: the action plan has
 * 19 connections, so this stays small.
 */
export function useConnectionTraffic(items: readonly PlanItemView[] | undefined, windowDays: number, version: string): { details: PlanItemDetail[]; error: unknown } {
  const api = useApi();
  const [details, setDetails] = useState<PlanItemDetail[]>([]);
  const [error, setError] = useState<unknown>(undefined);
  const ids = (items ?? []).filter((i) => i.directions.some((d) => d.links > 0)).map((i) => i.id);
  const key = ids.join(',');
  useEffect(() => {
    if (key === '') {
      setDetails([]);
      return;
    }
    const ac = new AbortController();
    Promise.all(key.split(',').map((id) => api.request<PlanItemDetail>(endpoints.planItem(id), { query: { window_days: windowDays }, signal: ac.signal }))).then(
      (d) => { if (!ac.signal.aborted) { setDetails(d); setError(undefined); } },
      (e: unknown) => { if (!ac.signal.aborted) setError(e); },
    );
    return () => ac.abort();
  }, [api, key, windowDays, version]);
  return { details, error };
}
