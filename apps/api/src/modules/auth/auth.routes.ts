import {
  apiToken,
  apiTokenCreateBody,
  apiTokenCreated,
  idParams,
  loginBody,
  okResponse,
  sessionResponse,
} from '@manyi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../plugins/auth';
import { idempotentCreate } from '../../plugins/idempotency';
import * as auth from './auth.service';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.cookieSecure,
    path: '/',
  };

  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: app.config.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: loginBody,
        response: { 200: sessionResponse },
      },
    },
    async (request, reply) => {
      const deps = { db: app.database.db, config: app.config, now: () => new Date() };
      const session = await auth.login(deps, {
        ...request.body,
        userAgent: request.headers['user-agent'],
        ip: request.ip,
      });
      reply.setCookie(SESSION_COOKIE, session.sessionToken, {
        ...cookieOptions,
        maxAge: app.config.sessionTtlHours * 3600,
      });
      const principalCtx = await auth.resolveSession(deps, session.sessionToken);
      request.principal = principalCtx!.principal;
      return { user: await auth.getCurrentUser(request.ctx()), csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and the CSRF token for writes',
        response: { 200: sessionResponse },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const resolved =
        ctx.principal.kind === 'session'
          ? await auth.resolveSession(
              { db: app.database.db, config: app.config, now: () => new Date() },
              request.cookies[SESSION_COOKIE]!,
            )
          : null;
      return { user: await auth.getCurrentUser(ctx), csrfToken: resolved?.csrfToken ?? '' };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 200: okResponse } },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await auth.logout(app.database.db, cookie);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true as const };
    },
  );

  app.get(
    '/api-tokens',
    {
      config: { permission: 'tokens.manage' },
      schema: {
        tags: ['auth'],
        summary: 'API tokens for integrations',
        response: { 200: z.object({ items: z.array(apiToken) }) },
      },
    },
    async (request) => ({ items: await auth.findApiTokens(request.ctx()) }),
  );

  app.post(
    '/api-tokens',
    {
      config: { permission: 'tokens.manage' },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token acting as the caller; the secret is shown once',
        body: apiTokenCreateBody,
        response: { 201: apiTokenCreated },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => auth.createApiToken(ctx, request.body)),
  );

  app.delete(
    '/api-tokens/:id',
    {
      config: { permission: 'tokens.manage' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token',
        params: idParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await auth.revokeApiToken(request.ctx(), request.params.id);
      return { ok: true as const };
    },
  );
};
