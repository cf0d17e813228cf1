import { type Executor, schema, ticketSequenceName } from '@manyi/db';
import { containsText } from '@manyi/db/search';
import {
  type AnyColumn,
  and,
  asc,
  eq,
  gte,
  inArray,
  isNull,
  type SQL,
  sql,
  type WithSubquery,
} from 'drizzle-orm';
import { nextRiskAtOf } from '../commitments/commitments.repository';

const {
  tickets,
  ticketEvents,
  attachments,
  customers,
  units,
  users,
  teams,
  productModels,
  auditLog,
  ticketCommitments,
} = schema;

export const ticketColumns = {
  id: tickets.id,
  number: tickets.number,
  type: tickets.type,
  channel: tickets.channel,
  status: tickets.status,
  priority: tickets.priority,
  subject: tickets.subject,
  description: tickets.description,
  customerId: tickets.customerId,
  unitId: tickets.unitId,
  teamId: tickets.teamId,
  assigneeId: tickets.assigneeId,
  tags: tickets.tags,
  createdById: tickets.createdById,
  agreementId: tickets.agreementId,
  nextDueAt: tickets.nextDueAt,
  version: tickets.version,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  firstResponseAt: tickets.firstResponseAt,
  resolvedAt: tickets.resolvedAt,
  closedAt: tickets.closedAt,
};
export type TicketRow = {
  [K in keyof typeof ticketColumns]: (typeof ticketColumns)[K]['_']['notNull'] extends true
    ? (typeof ticketColumns)[K]['_']['data']
    : (typeof ticketColumns)[K]['_']['data'] | null;
};

/** Which work orders a principal may see: everything, their service point's, or their own. */
export type Visibility =
  | { kind: 'all' }
  | { kind: 'team'; teamId: string | null }
  | { kind: 'assignee'; userId: string };

function visibilityWhere(v: Visibility): SQL | undefined {
  if (v.kind === 'team') return v.teamId ? eq(tickets.teamId, v.teamId) : sql`false`;
  if (v.kind === 'assignee') return eq(tickets.assigneeId, v.userId);
  return undefined;
}

/**
 * What opening a work order checks, in one query: the customer's tier, the unit's owner and product
 * category, whether the team exists, and the assignee. Null when the customer is not the tenant's.
 */
export async function getOpeningFacts(
  db: Executor,
  tenantId: string,
  ids: { customerId: string; unitId: string | null; teamId: string | null; assigneeId: string | null },
) {
  const r = await db.execute(sql`
    SELECT c.tier,
      u.customer_id AS unit_customer_id, u.category AS unit_category,
      (${ids.teamId}::uuid IS NOT NULL
        AND EXISTS (SELECT 1 FROM teams t WHERE t.tenant_id = ${tenantId} AND t.id = ${ids.teamId}::uuid)) AS team_found,
      a.id AS assignee_id, a.team_id AS assignee_team_id, a.active AS assignee_active
    FROM customers c
    LEFT JOIN LATERAL (
      SELECT un.customer_id, m.category FROM units un JOIN product_models m ON m.id = un.model_id
      WHERE un.tenant_id = ${tenantId} AND un.id = ${ids.unitId}::uuid
    ) u ON true
    LEFT JOIN users a ON a.tenant_id = ${tenantId} AND a.id = ${ids.assigneeId}::uuid
    WHERE c.tenant_id = ${tenantId} AND c.id = ${ids.customerId}::uuid`);
  const [f] = (
    r as unknown as {
      rows: {
        tier: string;
        unit_customer_id: string | null;
        unit_category: string | null;
        team_found: boolean;
        assignee_id: string | null;
        assignee_team_id: string | null;
        assignee_active: boolean | null;
      }[];
    }
  ).rows;
  if (!f) return null;
  return {
    tier: f.tier,
    unit: f.unit_customer_id ? { customerId: f.unit_customer_id, category: f.unit_category } : null,
    teamFound: f.team_found,
    assignee: f.assignee_id
      ? { id: f.assignee_id, teamId: f.assignee_team_id, active: f.assignee_active === true }
      : null,
  };
}

/**
 * Inserts a new work order with what belongs to it — timeline entries, commitment clocks, the audit record —
 * as ONE statement (data-modifying CTEs): one round trip, and atomic on its own. The row's id is chosen by
 * the caller so the other rows can point at it; the number comes from the tenant's sequence.
 */
export async function insertOpenedTicket(
  db: Executor,
  row: Omit<typeof tickets.$inferInsert, 'number'> & { id: string },
  related: {
    events: (typeof ticketEvents.$inferInsert)[];
    clocks: (typeof ticketCommitments.$inferInsert)[];
    /** Its `changes` get the new number added. */
    audit: typeof auditLog.$inferInsert & { changes: Record<string, unknown> };
  },
) {
  const a = related.audit;
  // The number is drawn once, first; the work order and its audit record both read it.
  const parts: WithSubquery[] = [
    db.$with('opened_number', {}).as(sql`SELECT nextval(${ticketSequenceName(row.tenantId)}::regclass) AS n`),
    db.$with('opened_events', {}).as(db.insert(ticketEvents).values(related.events).getSQL()),
    db.$with('opened_audit', {}).as(sql`
      INSERT INTO audit_log (tenant_id, actor_user_id, actor_kind, action, entity_type, entity_id, changes, request_id)
      SELECT ${a.tenantId}::uuid, ${a.actorUserId ?? null}::uuid, ${a.actorKind}, ${a.action}, ${a.entityType}, ${a.entityId},
        ${JSON.stringify(a.changes)}::jsonb || jsonb_build_object('number', n), ${a.requestId ?? null}
      FROM opened_number`),
  ];
  if (related.clocks.length)
    parts.push(
      db.$with('opened_clocks', {}).as(db.insert(ticketCommitments).values(related.clocks).getSQL()),
    );
  const [t] = await db
    .with(...parts)
    .insert(tickets)
    .values({ ...row, number: sql`(SELECT n FROM opened_number)` })
    .returning(ticketColumns);
  return t as TicketRow;
}

export async function getTicketRow(db: Executor, tenantId: string, id: string, visibility: Visibility) {
  const [t] = await db
    .select(ticketColumns)
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id), visibilityWhere(visibility)));
  return (t as TicketRow | undefined) ?? null;
}

export async function updateTicket(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<typeof tickets.$inferInsert>,
  at: Date,
) {
  const [t] = await db
    .update(tickets)
    .set({ ...patch, version: sql`${tickets.version} + 1`, updatedAt: at })
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id), eq(tickets.version, expectedVersion)))
    .returning(ticketColumns);
  return (t as TicketRow | undefined) ?? null;
}

/** Timeline appends touch updated_at (queues re-sort) but not the version: a note never conflicts with an edit. */
export async function touchTicket(
  db: Executor,
  tenantId: string,
  id: string,
  at: Date,
  firstResponse: boolean,
) {
  await db
    .update(tickets)
    .set({
      updatedAt: at,
      ...(firstResponse
        ? { firstResponseAt: sql`coalesce(${tickets.firstResponseAt}, ${at.toISOString()}::timestamptz)` }
        : {}),
    })
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)));
}

export async function insertEvent(db: Executor, row: typeof ticketEvents.$inferInsert) {
  const [e] = await db
    .insert(ticketEvents)
    .values(row)
    .returning({ id: ticketEvents.id, createdAt: ticketEvents.createdAt });
  return e!;
}

export async function findEvents(db: Executor, tenantId: string, ticketId: string) {
  return db
    .select({
      id: ticketEvents.id,
      kind: ticketEvents.kind,
      visibility: ticketEvents.visibility,
      authorId: ticketEvents.authorId,
      authorName: users.displayName,
      body: ticketEvents.body,
      data: ticketEvents.data,
      createdAt: ticketEvents.createdAt,
    })
    .from(ticketEvents)
    .leftJoin(users, eq(users.id, ticketEvents.authorId))
    .where(and(eq(ticketEvents.tenantId, tenantId), eq(ticketEvents.ticketId, ticketId)))
    .orderBy(asc(ticketEvents.id));
}

export async function getCustomerSummary(db: Executor, tenantId: string, customerId: string) {
  const [c] = await db
    .select({
      id: customers.id,
      kind: customers.kind,
      name: customers.name,
      tier: customers.tier,
      status: customers.status,
      // Written out with table names: Drizzle leaves columns unqualified in a single-table select, and an
      // unqualified "id" inside these sub-selects would mean the phone's or address's own id.
      primaryPhone: sql<
        string | null
      >`(SELECT p.display FROM customer_phones p WHERE p.customer_id = customers.id ORDER BY p.is_primary DESC, p.created_at LIMIT 1)`,
      city: sql<
        string | null
      >`(SELECT a.city FROM customer_addresses a WHERE a.customer_id = customers.id ORDER BY a.is_default DESC, a.created_at LIMIT 1)`,
    })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)));
  return c ?? null;
}

export async function getUnitOwner(db: Executor, tenantId: string, unitId: string) {
  const [u] = await db
    .select({ customerId: units.customerId, category: productModels.category })
    .from(units)
    .innerJoin(productModels, eq(productModels.id, units.modelId))
    .where(and(eq(units.tenantId, tenantId), eq(units.id, unitId)));
  return u ?? null;
}

export async function getActiveUser(db: Executor, tenantId: string, userId: string) {
  const [u] = await db
    .select({ id: users.id, teamId: users.teamId, active: users.active, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return u ?? null;
}

export async function teamExists(db: Executor, tenantId: string, teamId: string) {
  const [t] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), eq(teams.id, teamId)));
  return Boolean(t);
}

export interface QueueFilter {
  visibility: Visibility;
  statuses?: string[];
  types?: string[];
  priorities?: string[];
  channels?: string[];
  customerId?: string;
  assigneeId?: string | null;
  teamId?: string;
  tag?: string;
  /** Only work of customers of these tiers (the VIP lane). */
  customerTiers?: string[];
  /** Only work resolved at or after this moment (the "recently resolved" view). */
  resolvedSince?: Date;
  /** Substring over subject + description (trigram index; CJK bigram index for two Chinese characters). */
  text?: string;
  number?: number;
}

export type QueueSort = 'updated_desc' | 'created_desc' | 'created_asc' | 'priority_desc' | 'due_asc';
/** Where the previous page ended; `at` is null in the tail of work orders without a due time (due_asc). */
export type QueueCursor = { at: string | null; id: string; rank?: number };

// The indexes are `DESC NULLS LAST`; ordering the same way (not plain DESC, which is NULLS FIRST) lets
// PostgreSQL read pages straight from the index. The columns are NOT NULL, so the results are the same.
const newestFirst = (c: SQL | AnyColumn) => sql`${c} DESC NULLS LAST`;
const oldestFirst = (c: SQL | AnyColumn) => sql`${c} ASC NULLS FIRST`;

/** One page of a queue: filters, visibility and keyset pagination on the chosen sort. */
export async function findQueue(
  db: Executor,
  tenantId: string,
  filter: QueueFilter,
  sort: QueueSort,
  cursor: QueueCursor | null,
  limit: number,
) {
  const where: (SQL | undefined)[] = [eq(tickets.tenantId, tenantId), visibilityWhere(filter.visibility)];
  if (filter.statuses?.length)
    where.push(inArray(tickets.status, filter.statuses as (typeof tickets.status._.data)[]));
  if (filter.types?.length) where.push(inArray(tickets.type, filter.types as (typeof tickets.type._.data)[]));
  if (filter.priorities?.length)
    where.push(inArray(tickets.priority, filter.priorities as (typeof tickets.priority._.data)[]));
  if (filter.channels?.length)
    where.push(inArray(tickets.channel, filter.channels as (typeof tickets.channel._.data)[]));
  if (filter.customerId) where.push(eq(tickets.customerId, filter.customerId));
  if (filter.assigneeId === null) where.push(isNull(tickets.assigneeId));
  else if (filter.assigneeId) where.push(eq(tickets.assigneeId, filter.assigneeId));
  if (filter.teamId) where.push(eq(tickets.teamId, filter.teamId));
  if (filter.customerTiers?.length)
    where.push(inArray(customers.tier, filter.customerTiers as (typeof customers.tier._.data)[]));
  if (filter.resolvedSince) where.push(gte(tickets.resolvedAt, filter.resolvedSince));
  if (filter.tag) where.push(sql`${tickets.tags} @> ARRAY[${filter.tag}]::text[]`);
  if (filter.number !== undefined && filter.text)
    where.push(
      sql`(${tickets.number} = ${filter.number} OR ${containsText(tickets.searchText, tickets.searchPairs, filter.text)})`,
    );
  else if (filter.text) where.push(containsText(tickets.searchText, tickets.searchPairs, filter.text));

  let order: SQL[];
  const at = tickets.updatedAt;
  if (sort === 'created_desc' || sort === 'created_asc') {
    const dir = sort === 'created_desc' ? newestFirst : oldestFirst;
    order = [dir(tickets.createdAt), dir(tickets.id)];
    if (cursor) {
      where.push(
        sort === 'created_desc'
          ? sql`(${tickets.createdAt}, ${tickets.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
          : sql`(${tickets.createdAt}, ${tickets.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
      );
    }
  } else if (sort === 'due_asc') {
    // Soonest promise first; work without a running clock last.
    order = [sql`${tickets.nextDueAt} ASC NULLS LAST`, sql`${tickets.id} ASC`];
    if (cursor)
      where.push(
        cursor.at === null
          ? sql`(${tickets.nextDueAt} IS NULL AND ${tickets.id} > ${cursor.id}::uuid)`
          : sql`((${tickets.nextDueAt}, ${tickets.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid) OR ${tickets.nextDueAt} IS NULL)`,
      );
  } else if (sort === 'priority_desc') {
    order = [newestFirst(tickets.priorityRank), newestFirst(at), newestFirst(tickets.id)];
    if (cursor)
      where.push(
        sql`(${tickets.priorityRank}, ${at}, ${tickets.id}) < (${cursor.rank ?? 0}, ${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
      );
  } else {
    order = [newestFirst(at), newestFirst(tickets.id)];
    if (cursor) where.push(sql`(${at}, ${tickets.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  }

  return db
    .select({
      id: tickets.id,
      number: tickets.number,
      type: tickets.type,
      channel: tickets.channel,
      status: tickets.status,
      priority: tickets.priority,
      priorityRank: tickets.priorityRank,
      subject: tickets.subject,
      customerId: tickets.customerId,
      teamId: tickets.teamId,
      assigneeId: tickets.assigneeId,
      tags: tickets.tags,
      nextDueAt: tickets.nextDueAt,
      // Agreements: when a running clock reaches its at-risk share (queue colour); evaluated for the page only.
      nextRiskAt: nextRiskAtOf(tickets.id),
      version: tickets.version,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
      customerName: customers.name,
      customerTier: customers.tier,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(and(...where))
    .orderBy(...order)
    .limit(limit);
}

export async function insertAttachment(db: Executor, row: typeof attachments.$inferInsert) {
  const [a] = await db.insert(attachments).values(row).returning(attachmentColumns);
  return a!;
}

const attachmentColumns = {
  id: attachments.id,
  ticketId: attachments.ticketId,
  fileName: attachments.fileName,
  contentType: attachments.contentType,
  sizeBytes: attachments.sizeBytes,
  sha256: attachments.sha256,
  uploadedById: attachments.uploadedById,
  createdAt: attachments.createdAt,
  storageKey: attachments.storageKey,
};

export async function findAttachments(db: Executor, tenantId: string, ticketId: string) {
  return db
    .select(attachmentColumns)
    .from(attachments)
    .where(and(eq(attachments.tenantId, tenantId), eq(attachments.ticketId, ticketId)))
    .orderBy(asc(attachments.createdAt));
}

export async function getAttachmentRow(db: Executor, tenantId: string, id: string) {
  const [a] = await db
    .select(attachmentColumns)
    .from(attachments)
    .where(and(eq(attachments.tenantId, tenantId), eq(attachments.id, id)));
  return a ?? null;
}
