import { type Executor, schema } from '@manyi/db';
import { and, desc, eq, lt } from 'drizzle-orm';

const { auditLog } = schema;

export interface AuditRow {
  tenantId: string;
  actorUserId: string | null;
  actorKind: 'session' | 'api_token' | 'system' | 'public_link';
  action: string;
  entityType: string;
  entityId: string;
  changes: unknown;
  requestId: string | null;
}

export async function insertAudit(db: Executor, row: AuditRow) {
  await db.insert(auditLog).values(row);
}

export async function findAudit(
  db: Executor,
  tenantId: string,
  filter: { entityType?: string; entityId?: string; beforeId?: number; limit: number },
) {
  const where = [eq(auditLog.tenantId, tenantId)];
  if (filter.entityType) where.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId));
  if (filter.beforeId) where.push(lt(auditLog.id, filter.beforeId));
  return db
    .select({
      id: auditLog.id,
      actorUserId: auditLog.actorUserId,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      changes: auditLog.changes,
      at: auditLog.at,
    })
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit);
}
