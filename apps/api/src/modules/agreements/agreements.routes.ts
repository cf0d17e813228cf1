import {
  agreement,
  agreementBody,
  agreementChangeBody,
  agreementCoverage,
  agreementCoverageQuery,
  agreementLink,
  calendar,
  calendarBody,
  calendarChangeBody,
  calendarDaysBody,
  calendarDetail,
  calendarImportBody,
  commitmentClock,
  commitmentStats,
  commitmentStatsQuery,
  escalationRule,
  escalationRuleBody,
  escalationRuleChangeBody,
  idParams,
  notification,
  okResponse,
  publicAgreement,
} from '@manyi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction, type ServiceContext } from '../../lib/context';
import { idempotentCreate } from '../../plugins/idempotency';
import * as commitments from '../commitments/commitments.service';
import * as escalation from '../commitments/escalation.service';
import { commitmentStatsFor } from '../commitments/stats.service';
import { getTicket } from '../tickets/tickets.service';
import { getPublicAgreement, issueAgreementLink } from './agreement-page.service';
import * as agreements from './agreements.service';
import * as calendars from './calendars.service';

const settings = { permission: 'settings.manage' as const };

export const agreementRoutes: FastifyPluginAsyncZod = async (app) => {
  /** After a calendar edit: due times are recomputed in the background (or right away without jobs). */
  const recompute = async (ctx: ServiceContext, calendarId: string) => {
    commitments.forgetCommitmentConfig(ctx.principal.tenantId);
    if (app.jobs) await app.jobs.recomputeCalendar(calendarId);
    else await commitments.recomputeCalendarClocks(ctx.db, calendarId);
  };

  app.get(
    '/calendars',
    {
      schema: {
        tags: ['agreements'],
        summary: 'Business calendars',
        response: { 200: z.object({ items: z.array(calendar) }) },
      },
    },
    async (request) => ({ items: await calendars.findCalendars(request.ctx()) }),
  );
  app.get(
    '/calendars/:id',
    {
      schema: {
        tags: ['agreements'],
        summary: 'A calendar with its holidays and adjusted working days',
        params: idParams,
        response: { 200: calendarDetail },
      },
    },
    async (request) => calendars.getCalendar(request.ctx(), request.params.id),
  );
  app.post(
    '/calendars',
    {
      config: settings,
      schema: {
        tags: ['agreements'],
        summary: 'Create a business calendar',
        body: calendarBody,
        response: { 201: calendar },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => calendars.createCalendar(ctx, request.body)),
  );
  app.patch(
    '/calendars/:id',
    {
      config: settings,
      schema: {
        tags: ['agreements'],
        summary: 'Change working periods, time zone or name',
        params: idParams,
        body: calendarChangeBody,
        response: { 200: calendarDetail },
      },
    },
    async (request) => {
      await inTransaction(request.ctx(), (ctx) =>
        calendars.changeCalendar(ctx, request.params.id, request.body),
      );
      await recompute(request.ctx(), request.params.id);
      return calendars.getCalendar(request.ctx(), request.params.id);
    },
  );
  app.put(
    '/calendars/:id/days',
    {
      config: settings,
      schema: {
        tags: ['agreements'],
        summary: 'Set or remove holidays and adjusted working days',
        params: idParams,
        body: calendarDaysBody,
        response: { 200: calendarDetail },
      },
    },
    async (request) => {
      await inTransaction(request.ctx(), (ctx) =>
        calendars.setCalendarDays(ctx, request.params.id, request.body),
      );
      await recompute(request.ctx(), request.params.id);
      return calendars.getCalendar(request.ctx(), request.params.id);
    },
  );
  app.post(
    '/calendars/:id/years',
    {
      config: settings,
      schema: {
        tags: ['agreements'],
        summary: 'Import a year of holidays (bundled China data or a list of days)',
        params: idParams,
        body: calendarImportBody,
        response: { 200: calendarDetail },
      },
    },
    async (request) => {
      await inTransaction(request.ctx(), (ctx) =>
        calendars.importCalendarYear(ctx, request.params.id, request.body),
      );
      await recompute(request.ctx(), request.params.id);
      return calendars.getCalendar(request.ctx(), request.params.id);
    },
  );

  app.get(
    '/agreements',
    {
      schema: {
        tags: ['agreements'],
        summary: 'Service agreements with their commitment targets',
        response: { 200: z.object({ items: z.array(agreement) }) },
      },
    },
    async (request) => ({ items: await agreements.findAgreements(request.ctx()) }),
  );
  app.get(
    '/agreements/coverage',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: ['agreements'],
        summary: 'Which agreement covers a customer (and product), and what a service means under it',
        querystring: agreementCoverageQuery,
        response: { 200: agreementCoverage },
      },
    },
    async (request) => agreements.coverageFor(request.ctx(), request.query),
  );
  app.get(
    '/agreements/:id',
    {
      schema: {
        tags: ['agreements'],
        summary: 'A service agreement',
        params: idParams,
        response: { 200: agreement },
      },
    },
    async (request) => agreements.getAgreement(request.ctx(), request.params.id),
  );
  app.post(
    '/agreements',
    {
      config: settings,
      schema: {
        tags: ['agreements'],
        summary: 'Create a service agreement',
        body: agreementBody,
        response: { 201: agreement },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, async (ctx) => {
        const a = await agreements.createAgreement(ctx, request.body);
        commitments.forgetCommitmentConfig(ctx.principal.tenantId);
        return a;
      }),
  );
  app.patch(
    '/agreements/:id',
    {
      config: settings,
      schema: {
        tags: ['agreements'],
        summary: 'Change a service agreement',
        params: idParams,
        body: agreementChangeBody,
        response: { 200: agreement },
      },
    },
    async (request) => {
      const a = await inTransaction(request.ctx(), (ctx) =>
        agreements.changeAgreement(ctx, request.params.id, request.body),
      );
      commitments.forgetCommitmentConfig(request.ctx().principal.tenantId);
      return a;
    },
  );

  app.get(
    '/escalation-rules',
    {
      schema: {
        tags: ['agreements'],
        summary: 'Escalation rules',
        response: { 200: z.object({ items: z.array(escalationRule) }) },
      },
    },
    async (request) => ({
      items: (await escalation.findRules(request.ctx())) as z.infer<typeof escalationRule>[],
    }),
  );
  app.post(
    '/escalation-rules',
    {
      config: settings,
      schema: {
        tags: ['agreements'],
        summary: 'Create an escalation rule',
        body: escalationRuleBody,
        response: { 201: escalationRule },
      },
    },
    async (request, reply) =>
      idempotentCreate(
        request,
        reply,
        async (ctx) => (await escalation.createRule(ctx, request.body)) as z.infer<typeof escalationRule>,
      ),
  );
  app.patch(
    '/escalation-rules/:id',
    {
      config: settings,
      schema: {
        tags: ['agreements'],
        summary: 'Change an escalation rule',
        params: idParams,
        body: escalationRuleChangeBody,
        response: { 200: escalationRule },
      },
    },
    async (request) =>
      (await inTransaction(request.ctx(), (ctx) =>
        escalation.changeRule(ctx, request.params.id, request.body),
      )) as z.infer<typeof escalationRule>,
  );

  app.get(
    '/tickets/:id/commitments',
    {
      schema: {
        tags: ['tickets'],
        summary: 'The commitment clocks of a work order',
        params: idParams,
        response: { 200: z.object({ items: z.array(commitmentClock) }) },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await getTicket(ctx, request.params.id);
      return { items: await commitments.getClocks(ctx, request.params.id) };
    },
  );

  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, and how many are unread',
        response: { 200: z.object({ items: z.array(notification), unread: z.int() }) },
      },
    },
    async (request) => escalation.findNotifications(request.ctx(), 50),
  );
  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await escalation.markAllNotificationsRead(request.ctx());
      return { ok: true as const };
    },
  );

  app.post(
    '/customers/:id/agreement-link',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags: ['agreements'],
        summary: 'Issue a signed link (30 days) to the page that shows the customer their agreement',
        params: idParams,
        response: { 201: agreementLink },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => issueAgreementLink(ctx, request.params.id)),
  );
  app.get(
    '/public/agreement/:token',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'The agreement covering a customer, by signed link (customer promises only)',
        params: z.object({ token: z.string().max(100) }),
        response: { 200: publicAgreement },
      },
    },
    async (request) => getPublicAgreement(app.database.db, request.params.token, new Date()),
  );
  app.post(
    '/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read',
        body: z.object({ ids: z.array(z.uuid()).min(1).max(200) }),
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await escalation.markNotificationsRead(request.ctx(), request.body.ids);
      return { ok: true as const };
    },
  );

  app.get(
    '/stats/commitments',
    {
      config: { permission: 'tickets.read_all' },
      schema: {
        tags: ['stats'],
        summary: 'Kept and broken promises and the beat-the-promise rate',
        querystring: commitmentStatsQuery,
        response: { 200: commitmentStats },
      },
    },
    async (request) => commitmentStatsFor(request.ctx(), request.query.days, request.query.by),
  );
};
