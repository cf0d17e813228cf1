import {
  campaign,
  campaignCreateBody,
  campaignFilter,
  campaignPreview,
  campaignStartBody,
  followupAttemptBody,
  followupAttemptResult,
  followupDetail,
  followupListQuery,
  followupOutcomeBody,
  followupOutcomeResult,
  followupPage,
  idParams,
} from '@manyi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../lib/context';
import { idempotentCreate } from '../../plugins/idempotency';
import * as campaigns from './campaigns.service';
import * as followups from './followups.service';

export const followupRoutes: FastifyPluginAsyncZod = async (app) => {
  const work = { permission: 'followups.work' as const };
  const manage = { permission: 'surveys.manage' as const };

  app.get(
    '/followups',
    {
      config: work,
      schema: {
        tags: ['followups'],
        summary: 'Follow-up calls (回访): due now, upcoming, mine, unreachable, done',
        querystring: followupListQuery,
        response: { 200: followupPage },
      },
    },
    async (request) => followups.findFollowups(request.ctx(), request.query),
  );

  app.get(
    '/followups/:id',
    {
      config: work,
      schema: {
        tags: ['followups'],
        summary: 'A follow-up call with its script and attempts',
        params: idParams,
        response: { 200: followupDetail },
      },
    },
    async (request) => followups.getFollowup(request.ctx(), request.params.id),
  );

  app.post(
    '/followups/:id/attempts',
    {
      config: work,
      schema: {
        tags: ['followups'],
        summary: 'Log a call attempt; the last failed one sends a survey link instead',
        params: idParams,
        body: followupAttemptBody,
        response: { 200: followupAttemptResult },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => followups.logAttempt(ctx, request.params.id, request.body)),
  );

  app.post(
    '/followups/:id/outcome',
    {
      config: work,
      schema: {
        tags: ['followups'],
        summary: 'Record the outcome: resolved, satisfaction, new issue',
        params: idParams,
        body: followupOutcomeBody,
        response: { 200: followupOutcomeResult },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => followups.recordOutcome(ctx, request.params.id, request.body)),
  );

  app.post(
    '/campaigns/preview',
    {
      config: manage,
      schema: {
        tags: ['campaigns'],
        summary: 'How many units and customers a filter selects, with a sample',
        body: z.object({ filter: campaignFilter }),
        response: { 200: campaignPreview },
      },
    },
    async (request) => campaigns.previewCampaign(request.ctx(), request.body.filter),
  );

  app.get(
    '/campaigns',
    {
      config: manage,
      schema: {
        tags: ['campaigns'],
        summary: 'Campaigns, newest first',
        response: { 200: z.object({ items: z.array(campaign) }) },
      },
    },
    async (request) => campaigns.findCampaigns(request.ctx()),
  );

  app.post(
    '/campaigns',
    {
      config: manage,
      schema: {
        tags: ['campaigns'],
        summary: 'Create a campaign (a draft until started)',
        body: campaignCreateBody,
        response: { 201: campaign },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => campaigns.createCampaign(ctx, request.body)),
  );

  app.get(
    '/campaigns/:id',
    {
      config: manage,
      schema: {
        tags: ['campaigns'],
        summary: 'A campaign with its progress',
        params: idParams,
        response: { 200: campaign },
      },
    },
    async (request) => campaigns.getCampaign(request.ctx(), request.params.id),
  );

  app.post(
    '/campaigns/:id/start',
    {
      config: manage,
      schema: {
        tags: ['campaigns'],
        summary: 'Start (or resume after a failure): creates the follow-ups or work orders in the background',
        params: idParams,
        body: campaignStartBody,
        response: { 200: campaign },
      },
    },
    async (request) => {
      const started = await inTransaction(request.ctx(), (ctx) =>
        campaigns.startCampaign(ctx, request.params.id, request.body.version),
      );
      await campaigns.dispatchCampaignRun(app.database, app.config, started.id);
      return campaigns.getCampaign(request.ctx(), started.id);
    },
  );
};
