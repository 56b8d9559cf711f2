import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../auth/session-context.tsx';
import type { RequestOptions } from './client.ts';

export interface ApiData<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Fetch again (after a change, or on the user's "refresh"). */
  reload(): void;
}

/**
 * GET a resource and keep it fresh: refetches when the path or query change, optionally every
 * `refreshMs` (live views), and drops answers that arrive after a newer request was made.
 * `path` undefined means "nothing to fetch yet".
 */
export function useApiGet<T>(path: string | undefined, query?: RequestOptions['query'], options: { readonly refreshMs?: number; readonly text?: boolean; /** Refetch whenever this changes (e.g. the log size another call reported). */ readonly version?: string | number } = {}): ApiData<T> {
  const api = useApi();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(path !== undefined);
  const [tick, setTick] = useState(0);
  const key = path === undefined ? undefined : `${path}?${JSON.stringify(query ?? {})}#${options.version ?? ''}`;
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    if (path === undefined) return;
    const ac = new AbortController();
    setLoading(true);
    api.request<T>(path, { query: queryRef.current, signal: ac.signal, text: options.text === true }).then(
      (d) => {
        if (ac.signal.aborted) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (ac.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ac.abort();
    // `key` captures path and query; `tick` forces a reload.
  }, [api, key, tick, path, options.text]);

  useEffect(() => {
    if (options.refreshMs === undefined || path === undefined) return;
    const t = window.setInterval(() => setTick((n) => n + 1), options.refreshMs);
    return () => window.clearInterval(t);
  }, [options.refreshMs, path]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
