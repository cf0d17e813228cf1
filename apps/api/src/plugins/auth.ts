import { can, type Lang, type Permission, pickLang } from '@manyi/contracts';
import type { Database } from '@manyi/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { AppError } from '../lib/app-error';
import type { Principal, ServiceContext } from '../lib/context';
import { resolveApiToken, resolveSession } from '../modules/auth/auth.service';

export const SESSION_COOKIE = 'manyi_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No sign-in needed (login, health, docs). */
    public?: boolean;
    /** What the caller's role must allow; without it any signed-in user may call the route. */
    permission?: Permission;
    /** A long-lived stream (Server-Sent Events); tested on its own, not by the request/response matrix. */
    stream?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    lang: Lang;
    /** The service context of a signed-in call. */
    ctx(): ServiceContext;
  }
  interface FastifyInstance {
    database: Database;
    config: Config;
  }
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Who is calling: a session cookie (with CSRF check on writes) or an API token (`Authorization: Bearer mny_…`). */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('principal', null);
  app.decorateRequest('lang', 'zh');
  app.decorateRequest('ctx', function (this: FastifyRequest): ServiceContext {
    if (!this.principal) throw new AppError('UNAUTHENTICATED');
    return {
      db: app.database.db,
      database: app.database,
      config: app.config,
      principal: this.principal,
      lang: this.lang,
      requestId: this.id,
      now: () => new Date(),
    };
  });

  app.addHook('onRequest', async (request) => {
    request.lang = pickLang(request.headers['accept-language']);
    if (!request.url.startsWith('/api/')) return;
    const routeConfig = request.routeOptions.config ?? {};
    const deps = { db: app.database.db, config: app.config, now: () => new Date() };
    const authz = request.headers.authorization;
    if (authz?.startsWith('Bearer ')) {
      const resolved = await resolveApiToken(deps, authz.slice(7).trim());
      if (!resolved) throw new AppError('UNAUTHENTICATED', { reason: 'invalid_token' });
      request.principal = resolved.principal;
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const resolved = await resolveSession(deps, cookie);
        if (resolved) {
          request.principal = resolved.principal;
          if (unsafe.has(request.method) && !routeConfig.public) {
            const sent = request.headers['x-csrf-token'];
            if (typeof sent !== 'string' || sent !== resolved.csrfToken) throw new AppError('CSRF_INVALID');
          }
        }
      }
    }
    if (routeConfig.public) return;
    if (!request.principal) throw new AppError('UNAUTHENTICATED');
    if (routeConfig.permission && !can(request.principal.role, routeConfig.permission))
      throw new AppError('FORBIDDEN', { permission: routeConfig.permission });
  });
});
