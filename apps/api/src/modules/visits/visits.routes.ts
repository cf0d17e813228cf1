import {
  fieldVisit,
  idParams,
  myVisitsQuery,
  publicVisit,
  publicVisitAnswerBody,
  type Visit,
  visit,
  visitBoard,
  visitBoardQuery,
  visitCancelBody,
  visitCheckInBody,
  visitCheckOutBody,
  visitConfirmBody,
  visitCreateBody,
  visitLink,
  visitLinkBody,
  visitMissedBody,
  visitReportBody,
  visitRescheduleBody,
  visitRevisitBody,
  visitSignOffBody,
  visitTokenParams,
} from '@manyi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { diskStore } from '../../lib/attachment-store';
import { inTransaction, type ServiceContext } from '../../lib/context';
import { idempotentCreate } from '../../plugins/idempotency';
import * as visits from './visits.service';

const tags = ['visits'];

export const visitRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = diskStore(app.config.attachmentDir);
  const manage = { permission: 'visits.manage' as const };
  const field = { permission: 'field.work' as const };

  app.get(
    '/tickets/:id/visits',
    {
      schema: {
        tags,
        summary: 'The visits of a work order, in window order',
        params: idParams,
        response: { 200: z.object({ items: z.array(visit) }) },
      },
    },
    async (request) => ({ items: await visits.findTicketVisits(request.ctx(), request.params.id) }),
  );
  app.post(
    '/tickets/:id/visits',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Plan a visit: technician and appointment window (proposed, or confirmed when agreed)',
        params: idParams,
        body: visitCreateBody,
        response: { 201: visit },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => visits.planVisit(ctx, request.params.id, request.body)),
  );
  app.get(
    '/visits/mine',
    {
      config: field,
      schema: {
        tags,
        summary: "The technician's visits of a day (today by default), in order",
        querystring: myVisitsQuery,
        response: { 200: z.object({ date: z.string(), items: z.array(fieldVisit) }) },
      },
    },
    async (request) => visits.findMyVisits(request.ctx(), request.query.date),
  );
  app.get(
    '/visits/board',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Dispatch board: technicians × the day’s visits, load against capacity',
        querystring: visitBoardQuery,
        response: { 200: visitBoard },
      },
    },
    async (request) => visits.getBoard(request.ctx(), request.query),
  );
  app.get(
    '/visits/:id',
    {
      schema: {
        tags,
        summary: 'A visit with the customer, address and product (as the technician sees it)',
        params: idParams,
        response: { 200: fieldVisit },
      },
    },
    async (request) => visits.getFieldVisit(request.ctx(), request.params.id),
  );

  const step = <B extends z.ZodType>(
    url: string,
    summary: string,
    permission: { permission: 'visits.manage' | 'field.work' },
    body: B,
    run: (ctx: ServiceContext, id: string, input: z.infer<B>) => Promise<Visit>,
    extra: { bodyLimit?: number } = {},
  ) =>
    app.post(
      url,
      {
        config: permission,
        ...extra,
        schema: { tags, summary, params: idParams, body, response: { 200: visit } },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        return inTransaction(request.ctx(), (ctx) => run(ctx, id, request.body as z.infer<B>));
      },
    );

  step(
    '/visits/:id/reschedule',
    'Move the window (or the technician)',
    manage,
    visitRescheduleBody,
    (ctx, id, b) => visits.rescheduleVisit(ctx, id, b),
  );
  step(
    '/visits/:id/confirm',
    'The customer agreed the window (on the phone)',
    manage,
    visitConfirmBody,
    (ctx, id, b) => visits.confirmVisit(ctx, id, b),
  );
  step('/visits/:id/cancel', 'Cancel a visit, with the reason', manage, visitCancelBody, (ctx, id, b) =>
    visits.cancelVisit(ctx, id, b),
  );
  step(
    '/visits/:id/check-in',
    'Technician on site: time and position',
    field,
    visitCheckInBody,
    (ctx, id, b) => visits.checkIn(ctx, id, b),
  );
  step(
    '/visits/:id/report',
    'Work report: what was done, cause, result',
    field,
    visitReportBody,
    (ctx, id, b) => visits.reportWork(ctx, id, b),
  );
  step(
    '/visits/:id/sign-off',
    "The customer's signature (PNG) and name",
    field,
    visitSignOffBody,
    (ctx, id, b) => visits.signOff(ctx, store, id, b),
    { bodyLimit: 2 * 1024 * 1024 },
  );
  step(
    '/visits/:id/check-out',
    'Leave the site; a resolved result resolves the work order',
    field,
    visitCheckOutBody,
    (ctx, id, b) => visits.checkOut(ctx, id, b),
  );

  app.post(
    '/visits/:id/missed',
    {
      config: field,
      schema: {
        tags,
        summary: 'Customer not home: the reason, and optionally the revisit',
        params: idParams,
        body: visitMissedBody,
        response: { 200: z.object({ visit, revisit: visit.nullable() }) },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => visits.markMissed(ctx, request.params.id, request.body)),
  );
  app.post(
    '/visits/:id/revisits',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Plan a revisit after this visit (parts needed, customer not home)',
        params: idParams,
        body: visitRevisitBody,
        response: { 201: visit },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => visits.planRevisit(ctx, request.params.id, request.body)),
  );
  app.post(
    '/visits/:id/link',
    {
      config: manage,
      schema: {
        tags,
        summary: "Issue the customer's appointment link (withdraws earlier ones)",
        params: idParams,
        body: visitLinkBody,
        response: { 200: visitLink },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => visits.issueVisitLink(ctx, request.params.id, request.body)),
  );

  // The customer's appointment page: no login, the signed link is the credential.
  const deps = (request: { id: string; lang: 'zh' | 'en' }) => ({
    database: app.database,
    config: app.config,
    requestId: request.id,
    lang: request.lang,
  });
  app.get(
    '/public/visit/:token',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'The appointment as the customer sees it',
        params: visitTokenParams,
        response: { 200: publicVisit },
      },
    },
    async (request) => visits.getPublicVisit(deps(request), request.params.token),
  );
  app.post(
    '/public/visit/:token',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'The customer confirms the window or asks for another (single use)',
        params: visitTokenParams,
        body: publicVisitAnswerBody,
        response: { 200: publicVisit },
      },
    },
    async (request) => visits.answerPublicVisit(deps(request), request.params.token, request.body),
  );
};
