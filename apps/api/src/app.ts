import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Permission } from '@manyi/contracts';
import type { Database } from '@manyi/db';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config';
import { AppError } from './lib/app-error';
import { agreementRoutes } from './modules/agreements/agreements.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { complaintRoutes } from './modules/complaints/complaints.routes';
import { custodyRoutes } from './modules/custody/custody.routes';
import { customerRoutes } from './modules/customers/customers.routes';
import { dispatchRoutes } from './modules/dispatch/dispatch.routes';
import { followupRoutes } from './modules/followups/followups.routes';
import { insightRoutes } from './modules/insights/insights.routes';
import { liveRoutes } from './modules/live/live.routes';
import { LiveHub } from './modules/live/live-hub';
import { productRoutes } from './modules/products/products.routes';
import { quoteRoutes } from './modules/quotes/quotes.routes';
import { surveyRoutes } from './modules/surveys/surveys.routes';
import { ticketRoutes } from './modules/tickets/tickets.routes';
import { userRoutes } from './modules/users/users.routes';
import { visitRoutes } from './modules/visits/visits.routes';
import { workspaceRoutes } from './modules/workspace/workspace.routes';
import { authPlugin } from './plugins/auth';
import { errorsPlugin, sendError } from './plugins/errors';
import { type Jobs, startJobs } from './plugins/jobs';
import { openapiPlugin } from './plugins/openapi';

export interface AppOptions {
  config: Config;
  database: Database;
  /** Shown on the login page in demo mode only. */
  demoLogins?: { role: string; email: string; password: string }[];
  logger?: boolean;
}

export interface RouteEntry {
  method: string;
  url: string;
  public: boolean;
  permission?: Permission;
  stream: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
    live: LiveHub;
    jobs: Jobs | null;
  }
}

const demoLogin = z.object({ role: z.string(), email: z.string(), password: z.string() });

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    // Event streams stay open; a shutdown must not wait for browsers to hang up.
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  // Every route with its access rule, for the tenant × role access matrix test and the docs.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method === 'HEAD' || !r.url.startsWith('/api/v1/')) continue;
      routeTable.push({
        method,
        url: r.url,
        public: Boolean(r.config?.public),
        permission: r.config?.permission,
        stream: Boolean(r.config?.stream),
      });
    }
  });
  app.decorate('database', database);

  // Time spent in the server, for browsers' dev tools and the benchmarks.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    return payload;
  });
  await app.register(errorsPlugin);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 5 } });
  await app.register(openapiPlugin);
  await app.register(authPlugin);

  app.get('/api/health', { config: { public: true }, schema: { hide: true } }, async () => ({
    ok: true,
    database: database.kind,
  }));

  const live = new LiveHub(database);
  await live.start();
  app.addHook('onClose', () => live.close());
  app.decorate('live', live);
  // Background jobs (pg-boss) in this instance; without them, recomputes run in the request.
  const jobs = config.jobs ? await startJobs(database, app.log) : null;
  app.decorate('jobs', jobs);
  if (jobs) app.addHook('onClose', () => jobs.stop());

  await app.register(
    async (v1) => {
      v1.get(
        '/meta',
        {
          config: { public: true },
          schema: {
            tags: ['meta'],
            summary: 'Public facts for the sign-in page',
            response: {
              200: z.object({ name: z.string(), demo: z.boolean(), demoLogins: z.array(demoLogin) }),
            },
          },
        },
        async () => ({
          name: 'Manyi',
          demo: config.demo,
          demoLogins: config.demo ? (options.demoLogins ?? []) : [],
        }),
      );
      await v1.register(authRoutes);
      await v1.register(userRoutes);
      await v1.register(customerRoutes);
      await v1.register(productRoutes);
      await v1.register(workspaceRoutes);
      await v1.register(agreementRoutes);
      await v1.register(ticketRoutes);
      // Surveys, follow-up calls (回访) and campaigns.
      await v1.register(surveyRoutes);
      await v1.register(followupRoutes);
      await v1.register(complaintRoutes);
      await v1.register(quoteRoutes);
      await v1.register(custodyRoutes);
      await v1.register(visitRoutes);
      await v1.register(dispatchRoutes);
      await v1.register(insightRoutes);
      await v1.register(liveRoutes(live));
    },
    { prefix: '/api/v1' },
  );

  // The built web app, with client-side routes falling back to index.html.
  const webDist = path.resolve(config.webDist);
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/'))
      return reply.sendFile('index.html');
    return sendError(request, reply, new AppError('ROUTE_NOT_FOUND'));
  });
  return app;
}
