import {
  customerSatisfaction,
  idParams,
  publicSurvey,
  publicSurveyAnswered,
  satisfactionSettings,
  satisfactionSettingsBody,
  surveyAnswerBody,
  surveyInvitation,
  surveyInviteBody,
  surveyLink,
  surveyResponse,
  surveySentBody,
  surveyTemplate,
  surveyTemplateChangeBody,
  surveyTemplateCreateBody,
  tokenParams,
} from '@manyi/contracts';
import type { Executor } from '@manyi/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction, type Principal, type ServiceContext } from '../../lib/context';
import { idempotentCreate } from '../../plugins/idempotency';
import { followupsOfCustomer } from '../followups/followups.service';
import * as surveys from './surveys.service';

export const surveyRoutes: FastifyPluginAsyncZod = async (app) => {
  const manage = { permission: 'surveys.manage' as const };
  const work = { permission: 'followups.work' as const };

  app.get(
    '/satisfaction-settings',
    {
      config: work,
      schema: {
        tags: ['surveys'],
        summary: 'Follow-up sampling, survey links and dissatisfaction thresholds',
        response: { 200: satisfactionSettings },
      },
    },
    async (request) => inTransaction(request.ctx(), (ctx) => surveys.getSettings(ctx)),
  );

  app.put(
    '/satisfaction-settings',
    {
      config: manage,
      schema: {
        tags: ['surveys'],
        summary: 'Change the satisfaction settings',
        body: satisfactionSettingsBody,
        response: { 200: satisfactionSettings },
      },
    },
    async (request) => inTransaction(request.ctx(), (ctx) => surveys.changeSettings(ctx, request.body)),
  );

  app.get(
    '/survey-templates',
    {
      config: work,
      schema: {
        tags: ['surveys'],
        summary: 'Survey templates (CSAT, NPS, CES, five dimensions)',
        response: { 200: z.object({ items: z.array(surveyTemplate) }) },
      },
    },
    async (request) => inTransaction(request.ctx(), (ctx) => surveys.findTemplates(ctx)),
  );

  app.post(
    '/survey-templates',
    {
      config: manage,
      schema: {
        tags: ['surveys'],
        summary: 'Create a survey template',
        body: surveyTemplateCreateBody,
        response: { 201: surveyTemplate },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => surveys.createTemplate(ctx, request.body)),
  );

  app.patch(
    '/survey-templates/:id',
    {
      config: manage,
      schema: {
        tags: ['surveys'],
        summary: 'Change a survey template',
        params: idParams,
        body: surveyTemplateChangeBody,
        response: { 200: surveyTemplate },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => surveys.changeTemplate(ctx, request.params.id, request.body)),
  );

  app.post(
    '/survey-invitations',
    {
      config: work,
      schema: {
        tags: ['surveys'],
        summary: 'Invite a customer to a survey; returns the link to send (shown once)',
        body: surveyInviteBody,
        response: { 201: surveyLink },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => surveys.inviteCustomer(ctx, request.body)),
  );

  app.post(
    '/survey-invitations/:id/link',
    {
      config: work,
      schema: {
        tags: ['surveys'],
        summary: 'Issue a fresh link to an unanswered invitation (earlier links stop working)',
        params: idParams,
        response: { 200: surveyLink },
      },
    },
    async (request) => inTransaction(request.ctx(), (ctx) => surveys.reissueLink(ctx, request.params.id)),
  );

  app.post(
    '/survey-invitations/:id/sent',
    {
      config: work,
      schema: {
        tags: ['surveys'],
        summary: 'Record that the link was sent (SMS, e-mail, WeChat, copied)',
        params: idParams,
        body: surveySentBody,
        response: { 200: surveyInvitation },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => surveys.markSent(ctx, request.params.id, request.body)),
  );

  app.get(
    '/survey-responses',
    {
      config: manage,
      schema: {
        tags: ['surveys'],
        summary: 'Latest survey answers, optionally only the dissatisfied ones',
        querystring: z.object({
          dissatisfied: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(surveyResponse) }) },
      },
    },
    async (request) =>
      surveys.findResponses(request.ctx(), {
        dissatisfied:
          request.query.dissatisfied === undefined ? undefined : request.query.dissatisfied === 'true',
        limit: request.query.limit,
      }),
  );

  app.get(
    '/customers/:id/satisfaction',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: ['surveys'],
        summary: 'A customer’s survey answers, invitations and follow-up calls',
        params: idParams,
        response: { 200: customerSatisfaction },
      },
    },
    async (request) => surveys.getCustomerSatisfaction(request.ctx(), request.params.id, followupsOfCustomer),
  );

  // The customer's side: no sign-in, a single-use signed link.
  const publicDeps = (request: { id: string; lang: 'zh' | 'en' }) => ({
    db: app.database.db,
    now: () => new Date(),
    makeContext: (principal: Principal, db: Executor): ServiceContext => ({
      db,
      database: app.database,
      config: app.config,
      principal,
      lang: request.lang,
      requestId: request.id,
      now: () => new Date(),
    }),
  });

  app.get(
    '/public/survey/:token',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'The survey a customer opens by link',
        params: tokenParams,
        response: { 200: publicSurvey },
      },
    },
    async (request) => surveys.getPublicSurvey(publicDeps(request), request.params.token),
  );

  app.post(
    '/public/survey/:token',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'Answer the survey (once)',
        params: tokenParams,
        body: surveyAnswerBody,
        response: { 200: publicSurveyAnswered },
      },
    },
    async (request) => surveys.answerSurvey(publicDeps(request), request.params.token, request.body),
  );
};
