import type { ApiToken } from './api';

export type TokenState = 'active' | 'revoked' | 'expired';

/** Whether a token still works: revoked and expired ones are kept for the record. */
export function tokenState(token: ApiToken, now = Date.now()): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}
