import { createHash, randomBytes } from 'node:crypto';
import { type Executor, schema } from '@manyi/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from './app-error';

const { publicLinks } = schema;

export type LinkPurpose = 'agreement' | 'visit' | 'quote' | 'survey' | 'custody';

export interface IssuedLink {
  id: string;
  token: string;
  /** Path of the public web page: `/p/<purpose>/<token>`. */
  path: string;
  expiresAt: Date;
}

export interface ResolvedLink {
  id: string;
  tenantId: string;
  purpose: string;
  subjectId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues a link for a person without a login; the token is returned once and only its hash is kept. */
export async function issuePublicLink(
  db: Executor,
  input: {
    tenantId: string;
    purpose: LinkPurpose;
    subjectId: string;
    expiresAt: Date;
    createdById?: string | null;
  },
): Promise<IssuedLink> {
  const token = randomBytes(24).toString('base64url');
  const [row] = await db
    .insert(publicLinks)
    .values({
      tenantId: input.tenantId,
      purpose: input.purpose,
      subjectId: input.subjectId,
      tokenHash: hashToken(token),
      expiresAt: input.expiresAt,
      createdById: input.createdById ?? null,
    })
    .returning({ id: publicLinks.id });
  if (!row) throw new Error('public link insert returned nothing');
  return { id: row.id, token, path: `/p/${input.purpose}/${token}`, expiresAt: input.expiresAt };
}

/**
 * Finds a link by its token for one purpose. Unknown, revoked or other-purpose tokens are LINK_INVALID (404),
 * expired ones LINK_EXPIRED (410); with `unused`, a spent link is LINK_USED (409).
 */
export async function resolvePublicLink(
  db: Executor,
  token: string,
  purpose: LinkPurpose,
  now: Date,
  options: { unused?: boolean } = {},
): Promise<ResolvedLink> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw new AppError('LINK_INVALID');
  const [row] = await db
    .select({
      id: publicLinks.id,
      tenantId: publicLinks.tenantId,
      purpose: publicLinks.purpose,
      subjectId: publicLinks.subjectId,
      expiresAt: publicLinks.expiresAt,
      usedAt: publicLinks.usedAt,
      revokedAt: publicLinks.revokedAt,
    })
    .from(publicLinks)
    .where(eq(publicLinks.tokenHash, hashToken(token)));
  if (!row || row.revokedAt || row.purpose !== purpose) throw new AppError('LINK_INVALID');
  if (row.expiresAt.getTime() <= now.getTime()) throw new AppError('LINK_EXPIRED');
  if (options.unused && row.usedAt) throw new AppError('LINK_USED');
  const { revokedAt: _r, ...link } = row;
  return link;
}

/** Spends a single-use link inside the caller's transaction; a second, concurrent use gets LINK_USED. */
export async function spendPublicLink(db: Executor, linkId: string, now: Date): Promise<void> {
  const spent = await db
    .update(publicLinks)
    .set({ usedAt: now })
    .where(and(eq(publicLinks.id, linkId), isNull(publicLinks.usedAt)))
    .returning({ id: publicLinks.id });
  if (spent.length === 0) throw new AppError('LINK_USED');
}

/** Withdraws every live link to a subject (e.g. a re-sent survey replaces the old invitation). */
export async function revokePublicLinks(
  db: Executor,
  tenantId: string,
  purpose: LinkPurpose,
  subjectId: string,
  now: Date,
): Promise<void> {
  await db
    .update(publicLinks)
    .set({ revokedAt: now })
    .where(
      and(
        eq(publicLinks.tenantId, tenantId),
        eq(publicLinks.purpose, purpose),
        eq(publicLinks.subjectId, subjectId),
        isNull(publicLinks.revokedAt),
        sql`${publicLinks.usedAt} IS NULL`,
      ),
    );
}
