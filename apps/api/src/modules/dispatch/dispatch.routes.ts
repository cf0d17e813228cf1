import {
  acceptDispatchBody,
  certification,
  certificationBody,
  certificationWarning,
  dispatch,
  dispatchBody,
  dispatchCandidates,
  dispatchInboxQuery,
  dispatchSettingsBody,
  dispatchSettingsSchema,
  dispatchSweepResult,
  idParams,
  leave,
  leaveBody,
  okResponse,
  refuseDispatchBody,
  servicePoint,
  servicePointBody,
  servicePointChangeBody,
  technician,
  technicianChangeBody,
  technicianListQuery,
  uuid,
  version,
} from '@manyi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../lib/context';
import { idempotentCreate } from '../../plugins/idempotency';
import * as dispatching from './dispatch.service';
import * as field from './field.service';

const manage = { permission: 'dispatch.manage' as const };
const respond = { permission: 'dispatch.respond' as const };
const tags = ['dispatch'];

export const dispatchRoutes: FastifyPluginAsyncZod = async (app) => {
  // ---- service points (服务网点) ----
  app.get(
    '/service-points',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Service points with their profiles',
        response: { 200: z.object({ items: z.array(servicePoint) }) },
      },
    },
    async (request) => ({ items: await field.findServicePoints(request.ctx()) }),
  );
  app.post(
    '/service-points',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Open a service point',
        body: servicePointBody,
        response: { 201: servicePoint },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => field.createServicePoint(ctx, request.body)),
  );
  app.get(
    '/service-points/:id',
    {
      config: manage,
      schema: { tags, summary: 'A service point', params: idParams, response: { 200: servicePoint } },
    },
    async (request) => field.getServicePoint(request.ctx(), request.params.id),
  );
  app.put(
    '/service-points/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a service point (version 0 gives a team its first profile)',
        params: idParams,
        body: servicePointChangeBody,
        response: { 200: servicePoint },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => field.changeServicePoint(ctx, request.params.id, request.body)),
  );

  // ---- technicians ----
  app.get(
    '/technicians',
    {
      schema: {
        tags,
        summary: 'Technicians with skills, certifications and leave (a partner: its own)',
        querystring: technicianListQuery,
        response: { 200: z.object({ items: z.array(technician) }) },
      },
    },
    async (request) => ({ items: await field.findTechnicians(request.ctx(), request.query) }),
  );
  app.get(
    '/technicians/:id',
    { schema: { tags, summary: 'A technician', params: idParams, response: { 200: technician } } },
    async (request) => field.getTechnician(request.ctx(), request.params.id),
  );
  app.put(
    '/technicians/:id',
    {
      schema: {
        tags,
        summary: 'Change skills, base, capacity and calendar (version 0 creates the profile)',
        params: idParams,
        body: technicianChangeBody,
        response: { 200: technician },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => field.changeTechnician(ctx, request.params.id, request.body)),
  );
  app.post(
    '/technicians/:id/certifications',
    {
      schema: {
        tags,
        summary: 'Record a certification (exam passed)',
        params: idParams,
        body: certificationBody,
        response: { 201: certification },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => field.addCertification(ctx, request.params.id, request.body)),
  );
  app.delete(
    '/technicians/:id/certifications/:certificationId',
    {
      schema: {
        tags,
        summary: 'Remove a certification recorded by mistake',
        params: z.object({ id: uuid, certificationId: uuid }),
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await inTransaction(request.ctx(), (ctx) =>
        field.removeCertification(ctx, request.params.id, request.params.certificationId),
      );
      return { ok: true as const };
    },
  );
  app.post(
    '/technicians/:id/leave',
    {
      schema: { tags, summary: 'Record leave', params: idParams, body: leaveBody, response: { 201: leave } },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => field.addLeave(ctx, request.params.id, request.body)),
  );
  app.delete(
    '/technicians/:id/leave/:leaveId',
    {
      schema: {
        tags,
        summary: 'Cancel leave',
        params: z.object({ id: uuid, leaveId: uuid }),
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await inTransaction(request.ctx(), (ctx) =>
        field.removeLeave(ctx, request.params.id, request.params.leaveId),
      );
      return { ok: true as const };
    },
  );
  app.get(
    '/certification-warnings',
    {
      schema: {
        tags,
        summary: 'Certifications expired or expiring within 30 days',
        response: { 200: z.object({ items: z.array(certificationWarning) }) },
      },
    },
    async (request) => ({ items: await field.findCertificationWarnings(request.ctx()) }),
  );

  // ---- dispatch (派工) ----
  app.get(
    '/tickets/:id/dispatch-candidates',
    {
      config: { permission: 'tickets.assign' },
      schema: {
        tags,
        summary: 'Ranked technicians for a work order, with reasons; the excluded with why',
        params: idParams,
        response: { 200: dispatchCandidates },
      },
    },
    async (request) => dispatching.rankCandidates(request.ctx(), request.params.id),
  );
  app.get(
    '/tickets/:id/dispatches',
    {
      schema: {
        tags,
        summary: 'The dispatches of a work order, newest first',
        params: idParams,
        response: { 200: z.object({ items: z.array(dispatch) }) },
      },
    },
    async (request) => ({ items: await dispatching.findTicketDispatches(request.ctx(), request.params.id) }),
  );
  app.post(
    '/tickets/:id/dispatch',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Dispatch (or re-dispatch) to a technician; not the top candidate needs a reason',
        params: idParams,
        body: dispatchBody,
        response: { 201: dispatch },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) =>
        dispatching.dispatchTicket(ctx, request.params.id, request.body),
      ),
  );
  app.post(
    '/tickets/:id/auto-dispatch',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Dispatch to the top candidate',
        params: idParams,
        body: z.object({ version }),
        response: { 201: dispatch },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) =>
        dispatching.autoDispatchTicket(ctx, request.params.id, request.body.version),
      ),
  );
  app.get(
    '/dispatch/inbox',
    {
      config: respond,
      schema: {
        tags,
        summary: 'Offers waiting for the service point’s answer (or all it was sent)',
        querystring: dispatchInboxQuery,
        response: { 200: z.object({ items: z.array(dispatch) }) },
      },
    },
    async (request) => ({ items: await dispatching.findInbox(request.ctx(), request.query.status) }),
  );
  app.get(
    '/dispatches/:id',
    { schema: { tags, summary: 'A dispatch', params: idParams, response: { 200: dispatch } } },
    async (request) => dispatching.getDispatch(request.ctx(), request.params.id),
  );
  app.post(
    '/dispatches/:id/accept',
    {
      config: respond,
      schema: {
        tags,
        summary: 'Accept an offered job (optionally for another own technician)',
        params: idParams,
        body: acceptDispatchBody,
        response: { 200: dispatch },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => dispatching.acceptDispatch(ctx, request.params.id, request.body)),
  );
  app.post(
    '/dispatches/:id/refuse',
    {
      config: respond,
      schema: {
        tags,
        summary: 'Refuse an offered job with a reason; it goes back to the dispatchers',
        params: idParams,
        body: refuseDispatchBody,
        response: { 200: dispatch },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => dispatching.refuseDispatch(ctx, request.params.id, request.body)),
  );
  app.get(
    '/dispatch/settings',
    {
      config: manage,
      schema: { tags, summary: 'Dispatch rules of the tenant', response: { 200: dispatchSettingsSchema } },
    },
    async (request) => dispatching.getSettings(request.ctx()),
  );
  app.put(
    '/dispatch/settings',
    {
      config: { permission: 'settings.manage' },
      schema: {
        tags,
        summary: 'Change auto-dispatch, the partner answer deadline and the search radius',
        body: dispatchSettingsBody,
        response: { 200: dispatchSettingsSchema },
      },
    },
    async (request) => inTransaction(request.ctx(), (ctx) => dispatching.changeSettings(ctx, request.body)),
  );
  app.post(
    '/dispatch/sweep',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Expire overdue partner offers and auto-dispatch waiting work now (the job does it every minute)',
        response: { 200: dispatchSweepResult },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      return dispatching.sweepDispatches(ctx.database, { tenantId: ctx.principal.tenantId, now: ctx.now() });
    },
  );
};
