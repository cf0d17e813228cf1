import { AppError } from './app-error';

/**
 * Finishes an optimistic-concurrency update: `updated` is null when no row matched id + version;
 * then the record is either gone (NOT_FOUND) or was changed by someone else (VERSION_CONFLICT, with the
 * current version so the client can reload and re-apply).
 */
export async function requireUpdated<T>(
  updated: T | null,
  entity: string,
  id: string,
  current: () => Promise<{ version: number } | null>,
): Promise<T> {
  if (updated) return updated;
  const now = await current();
  if (!now) throw new AppError('NOT_FOUND', { entity, id });
  throw new AppError('VERSION_CONFLICT', { entity, id, currentVersion: now.version });
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
