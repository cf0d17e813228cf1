import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Signed links for people without a login (the customer): an agreement to read, an appointment to confirm,
 * a quote to accept, a survey to answer. The URL carries a random token; only its SHA-256 is stored, so a
 * database reader cannot forge links. Links expire; single-use links are spent by `usedAt`.
 */
export const publicLinks = pgTable(
  'public_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** agreement | visit | quote | survey | custody … — what the link opens. */
    purpose: text('purpose').notNull(),
    /** The record the link opens (a customer, a visit, a quote, a survey invitation). */
    subjectId: uuid('subject_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdById: uuid('created_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    /** Set when a single-use link has been spent (a survey answered, a quote decided). */
    usedAt: ts('used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('public_links_token_uq').on(t.tokenHash),
    index('public_links_subject_idx').on(t.tenantId, t.purpose, t.subjectId),
  ],
);
