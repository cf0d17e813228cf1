import type { ServiceContext } from '../../lib/context';
import { type AuditRow, findAudit, insertAudit } from './audit.repository';

/** Appends to the audit log in the caller's transaction: who did what to which record, and what changed. */
export async function recordAudit(
  ctx: ServiceContext,
  entry: { action: string; entityType: string; entityId: string; changes?: unknown },
) {
  await insertAudit(ctx.db, auditEntry(ctx, entry));
}

/** The audit row of an entry, for callers that write it together with their own rows. */
export function auditEntry<C = unknown>(
  ctx: ServiceContext,
  entry: { action: string; entityType: string; entityId: string; changes?: C },
) {
  return {
    tenantId: ctx.principal.tenantId,
    actorUserId: ctx.principal.userId,
    actorKind: ctx.principal.kind,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    changes: (entry.changes ?? {}) as C,
    requestId: ctx.requestId,
  } satisfies AuditRow;
}

/** Only the fields whose value changed, as { field: { from, to } }. */
export function diff<T extends Record<string, unknown>>(before: T, patch: Partial<T>) {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const old = before[k];
    if (JSON.stringify(old) !== JSON.stringify(v)) out[k] = { from: old ?? null, to: v };
  }
  return out;
}

export async function findAuditEntries(
  ctx: ServiceContext,
  filter: { entityType?: string; entityId?: string; cursor?: string; limit: number },
) {
  const beforeId = filter.cursor ? Number.parseInt(filter.cursor, 10) : undefined;
  const rows = await findAudit(ctx.db, ctx.principal.tenantId, {
    entityType: filter.entityType,
    entityId: filter.entityId,
    beforeId: Number.isFinite(beforeId) ? beforeId : undefined,
    limit: filter.limit,
  });
  return {
    items: rows.map((r) => ({ ...r, id: String(r.id), at: r.at.toISOString() })),
    nextCursor: rows.length === filter.limit ? String(rows.at(-1)!.id) : null,
  };
}
