import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { visibilityOf } from '../tickets/tickets.service';
import type { LiveHub } from './live-hub';

/**
 * GET /events — Server-Sent Events: `data: {type, ticketId, at}` whenever a work order the caller may see is
 * opened or changed, from any instance of the app. Clients refetch what they show.
 */
export function liveRoutes(hub: LiveHub): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/events',
      {
        config: { stream: true },
        schema: { tags: ['live'], summary: 'Live updates of work orders (text/event-stream)' },
      },
      async (request, reply) => {
        const ctx = request.ctx();
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write('retry: 3000\n: connected\n\n');
        const unsubscribe = hub.subscribe({
          tenantId: ctx.principal.tenantId,
          visibility: visibilityOf(ctx),
          send: (event) => res.write(`data: ${JSON.stringify(event)}\n\n`),
        });
        // Comments keep proxies from closing an idle stream.
        const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
        const end = () => {
          clearInterval(keepAlive);
          unsubscribe();
        };
        request.raw.on('close', end);
        res.on('error', end);
      },
    );
  };
}
