import { useCallback, useState } from 'react';

/** The state of a user action that calls the hub: running, and the last failure to show. */
export interface Action {
  readonly busy: boolean;
  /** The last failure (a problem+json error from the API client), shown with `ProblemAlert`. */
  readonly error: unknown;
  /** Run `work`: busy while it runs, its error kept; resolves true when it succeeded. */
  run(work: () => Promise<void>): Promise<boolean>;
}

/**
 * One place for what every form and confirm dialog does around an API call: mark busy, clear the
 * previous error, keep the new one for display, never leave the button spinning.
 */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
