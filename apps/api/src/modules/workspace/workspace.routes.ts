import {
  idParams,
  okResponse,
  overview,
  overviewQuery,
  queueCounts,
  savedView,
  savedViewChangeBody,
  savedViewCreateBody,
  tenantSettings,
  tenantSettingsChangeBody,
} from '@manyi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../lib/context';
import { idempotentCreate } from '../../plugins/idempotency';
import * as workspace from './workspace.service';

export const workspaceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tickets/counts',
    {
      schema: {
        tags: ['tickets'],
        summary: 'How many work orders each queue view holds now',
        response: { 200: queueCounts },
      },
    },
    async (request) => workspace.countQueues(request.ctx()),
  );

  app.get(
    '/saved-views',
    {
      schema: {
        tags: ['tickets'],
        summary: 'My saved queue views and the shared ones',
        response: { 200: z.object({ items: z.array(savedView) }) },
      },
    },
    async (request) => ({ items: await workspace.findSavedViews(request.ctx()) }),
  );
  app.post(
    '/saved-views',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Save a queue view',
        body: savedViewCreateBody,
        response: { 201: savedView },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => workspace.saveView(ctx, request.body)),
  );
  app.patch(
    '/saved-views/:id',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Rename, re-filter or share a saved view (owner only)',
        params: idParams,
        body: savedViewChangeBody,
        response: { 200: savedView },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => workspace.changeView(ctx, request.params.id, request.body)),
  );
  app.delete(
    '/saved-views/:id',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Delete a saved view (owner only)',
        params: idParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await inTransaction(request.ctx(), (ctx) => workspace.deleteView(ctx, request.params.id));
      return { ok: true as const };
    },
  );

  app.get(
    '/stats/overview',
    {
      config: { permission: 'tickets.read_all' },
      schema: {
        tags: ['stats'],
        summary: 'Supervisor overview: incoming, backlog, channels, load',
        querystring: overviewQuery,
        response: { 200: overview },
      },
    },
    async (request) => workspace.getOverview(request.ctx(), request.query.days),
  );

  app.get(
    '/tenant',
    { schema: { tags: ['settings'], summary: 'The tenant settings', response: { 200: tenantSettings } } },
    async (request) => workspace.getTenantSettings(request.ctx()),
  );
  app.patch(
    '/tenant',
    {
      config: { permission: 'settings.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Change name, time zone or work-order prefix',
        body: tenantSettingsChangeBody,
        response: { 200: tenantSettings },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => workspace.changeTenantSettings(ctx, request.body)),
  );
};
