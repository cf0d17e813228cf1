import { createHash } from 'node:crypto';
import { type Executor, schema } from '@manyi/db';
import { and, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/app-error';
import { inTransaction, type ServiceContext } from '../lib/context';

const { idempotencyKeys } = schema;
const keyPattern = /^[A-Za-z0-9_\-:.]{8,128}$/;

function stableHash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value ?? null))
    .digest('hex');
}

async function findStored(db: Executor, tenantId: string, principal: string, key: string) {
  const [row] = await db
    .select({
      route: idempotencyKeys.route,
      requestHash: idempotencyKeys.requestHash,
      statusCode: idempotencyKeys.statusCode,
      response: idempotencyKeys.response,
    })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.tenantId, tenantId),
        eq(idempotencyKeys.principal, principal),
        eq(idempotencyKeys.key, key),
      ),
    );
  return row ?? null;
}

/**
 * Runs a create once per `Idempotency-Key`: the key and the response are stored in the same transaction as
 * the record, so a retry (even one racing the first request) returns the first response and creates nothing.
 * The same key with a different body is refused. Without the header the create simply runs.
 */
export async function idempotentCreate<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  create: (ctx: ServiceContext) => Promise<T>,
  /** Stands for the request body where it is not JSON (an uploaded file's hash). */
  fingerprint?: string,
): Promise<T> {
  const ctx = request.ctx();
  const header = request.headers['idempotency-key'];
  if (header === undefined) {
    const result = await inTransaction(ctx, create);
    reply.status(201);
    return result;
  }
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !keyPattern.test(key))
    throw new AppError('VALIDATION_FAILED', [
      { in: 'headers', path: 'idempotency-key', message: 'expected 8–128 characters [A-Za-z0-9_-:.]' },
    ]);
  const route = `${request.method} ${request.routeOptions.url}`;
  const requestHash = stableHash({ route, params: request.params, body: request.body, fingerprint });
  const principal = `${ctx.principal.kind}:${ctx.principal.userId}`;
  const replay = async () => {
    const stored = await findStored(ctx.db, ctx.principal.tenantId, principal, key);
    if (!stored) return null;
    if (stored.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    reply.status(stored.statusCode).header('idempotent-replayed', 'true');
    return stored.response as T;
  };
  const earlier = await replay();
  if (earlier !== null) return earlier;
  try {
    const result = await inTransaction(ctx, async (txCtx) => {
      const value = await create(txCtx);
      await txCtx.db.insert(idempotencyKeys).values({
        tenantId: ctx.principal.tenantId,
        principal,
        key,
        route,
        requestHash,
        statusCode: 201,
        response: value as object,
      });
      return value;
    });
    reply.status(201);
    return result;
  } catch (err) {
    const code = ((err as { cause?: { code?: string } }).cause ?? (err as { code?: string }))?.code;
    if (code === '23505') {
      const raced = await replay();
      if (raced !== null) return raced;
    }
    throw err;
  }
}
