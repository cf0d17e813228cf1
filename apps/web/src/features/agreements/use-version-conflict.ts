import { useState } from 'react';

/**
 * Reload-and-re-apply after a VERSION_CONFLICT: fetch the record again and keep the user's input in the form;
 * the next save goes with the new version. `version` is the one to send.
 */
export function useVersionConflict<T extends { version: number }>(
  original: T | undefined,
  fetchLatest: () => Promise<T>,
) {
  const [latest, setLatest] = useState<T | undefined>(undefined);
  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<unknown>(null);
  const reload = async (): Promise<T | undefined> => {
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
  const newer = latest && original && latest.version > original.version ? latest : undefined;
  return {
    version: newer?.version ?? original?.version,
    /** The record the user's edits are now based on (the reloaded one, if any). */
    base: newer ?? original,
    latest: newer,
    reloading,
    reloadError,
    reload,
    clear: () => setLatest(undefined),
  };
}

export type VersionConflict<T extends { version: number }> = ReturnType<typeof useVersionConflict<T>>;

/** One Idempotency-Key per distinct body: a double click or a retry reuses it, a corrected body gets a new one. */
export function idempotencyKeyFor(
  memo: { current: { body: string; key: string } | null },
  body: unknown,
): string {
  const json = JSON.stringify(body);
  if (memo.current?.body !== json) memo.current = { body: json, key: crypto.randomUUID() };
  return memo.current.key;
}
