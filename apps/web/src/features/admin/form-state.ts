import { useCallback, useRef, useState } from 'react';

/**
 * One Idempotency-Key per distinct request body: resubmitting the same body (double click, retry after a
 * network error) reuses the key so the API creates once; a corrected body gets a fresh key, since the API
 * refuses a key reused for a different body.
 */
export function useIdempotencyKey(): (body: unknown) => string {
  const last = useRef<{ body: string; key: string } | null>(null);
  return useCallback((body: unknown) => {
    const json = JSON.stringify(body);
    if (last.current?.body !== json) last.current = { body: json, key: crypto.randomUUID() };
    return last.current.key;
  }, []);
}

/** Names of the fields whose values differ between two versions of a record. */
export function changedFields<T extends object, K extends keyof T>(
  before: T,
  after: T,
  fields: readonly K[],
): K[] {
  return fields.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/**
 * The values to put into a form after a reload: the latest record's, except where the user already typed
 * something (touched), which is kept to be re-applied.
 */
export function mergeReloaded<T extends object, K extends keyof T>(
  latest: T,
  fields: readonly K[],
  touched: (field: K) => boolean,
): Partial<Pick<T, K>> {
  const values: Partial<Pick<T, K>> = {};
  for (const field of fields) if (!touched(field)) values[field] = latest[field];
  return values;
}

export interface VersionConflictState<T> {
  /** The version to send with the next save: the one read when the form opened, or the reloaded one. */
  version: number | undefined;
  /** The latest record after a reload (the form keeps the user's input; only the version moves on). */
  latest: T | undefined;
  reloading: boolean;
  reloadError: unknown;
  /** Fetches the latest record; undefined when that failed (see reloadError). */
  reload: () => Promise<T | undefined>;
}

/**
 * Reload-and-re-apply for an edit form: after a VERSION_CONFLICT, fetch the record again and save the
 * user's (untouched) input against the new version once they have looked at what changed.
 */
export function useVersionConflict<T extends { version: number }>(
  original: T | undefined,
  fetchLatest: () => Promise<T>,
): VersionConflictState<T> {
  const [latest, setLatest] = useState<T | undefined>(undefined);
  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<unknown>(null);
  const reload = async () => {
    setReloading(true);
    setReloadError(null);
    try {
      const fresh = await fetchLatest();
      setLatest(fresh);
      return fresh;
    } catch (error) {
      setReloadError(error);
      return undefined;
    } finally {
      setReloading(false);
    }
  };
  return { version: latest?.version ?? original?.version, latest, reloading, reloadError, reload };
}
