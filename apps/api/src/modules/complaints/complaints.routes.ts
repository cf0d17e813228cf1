import {
  complaintCreateBody,
  complaintDetail,
  complaintEscalateBody,
  complaintListQuery,
  complaintPage,
  complaintSettings,
  complaintSettingsBody,
  complaintStepBody,
  complaintStepNoteBody,
  complaintStepParams,
  complaintVerdictBody,
  idParams,
  remedyCreateBody,
  remedyDecisionBody,
  remedyParams,
  text,
  winBackReviewBody,
} from '@manyi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../lib/context';
import { idempotentCreate } from '../../plugins/idempotency';
import * as complaints from './complaints.service';

const manage = { permission: 'complaints.manage' as const };
const approve = { permission: 'complaints.approve' as const };
const tags = ['complaints'];

export const complaintRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/complaints',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The complaint desk: filters by next step, severity, cause, level, overdue, win-back due',
        querystring: complaintListQuery,
        response: { 200: complaintPage },
      },
    },
    async (request) => complaints.findComplaints(request.ctx(), request.query),
  );

  app.post(
    '/complaints',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Open a complaint: its work order (type complaint) and the complaint record, in one transaction',
        body: complaintCreateBody,
        response: { 201: complaintDetail },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => complaints.openComplaint(ctx, request.body)),
  );

  app.get(
    '/complaints/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A complaint with its steps, remedies, escalations and win-back',
        params: idParams,
        response: { 200: complaintDetail },
      },
    },
    async (request) => complaints.getComplaint(request.ctx(), request.params.id),
  );

  app.get(
    '/tickets/:id/complaint',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The complaint record of a complaint work order',
        params: idParams,
        response: { 200: complaintDetail },
      },
    },
    async (request) => complaints.getComplaintOfTicket(request.ctx(), request.params.id),
  );

  app.post(
    '/complaints/:id/steps/:step',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record one of the six steps as done (in order)',
        params: complaintStepParams,
        body: complaintStepBody,
        response: { 200: complaintDetail },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) =>
        complaints.recordStep(ctx, request.params.id, request.params.step, request.body),
      ),
  );

  app.put(
    '/complaints/:id/steps/:step/note',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Write or rewrite the note of a step already done',
        params: complaintStepParams,
        body: complaintStepNoteBody,
        response: { 200: complaintDetail },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) =>
        complaints.setStepNote(ctx, request.params.id, request.params.step, request.body),
      ),
  );

  app.post(
    '/complaints/:id/verdict',
    {
      config: manage,
      schema: {
        tags,
        summary: "The customer's verdict at the follow-up (satisfied / partly / not satisfied)",
        params: idParams,
        body: complaintVerdictBody,
        response: { 200: complaintDetail },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => complaints.recordVerdict(ctx, request.params.id, request.body)),
  );

  app.post(
    '/complaints/:id/conclude',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Conclude (结案): resolve the work order; needs the follow-up and the verdict',
        params: idParams,
        body: z.object({ note: text(5000) }),
        response: { 200: complaintDetail },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) =>
        complaints.concludeComplaint(ctx, request.params.id, request.body),
      ),
  );

  app.post(
    '/complaints/:id/remedies',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Propose a remedy: granted at once within the caller’s limit, else waits for approval',
        params: idParams,
        body: remedyCreateBody,
        response: { 201: complaintDetail },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) =>
        complaints.proposeRemedy(ctx, request.params.id, request.body),
      ),
  );

  for (const decision of ['approve', 'reject'] as const)
    app.post(
      `/complaints/:id/remedies/:remedyId/${decision}`,
      {
        config: approve,
        schema: {
          tags,
          summary:
            decision === 'approve'
              ? 'Approve a pending remedy (within your limit)'
              : 'Reject a pending remedy',
          params: remedyParams,
          body: remedyDecisionBody,
          response: { 200: complaintDetail },
        },
      },
      async (request) =>
        inTransaction(request.ctx(), (ctx) =>
          complaints.decideRemedy(ctx, request.params.id, request.params.remedyId, decision, request.body),
        ),
    );

  app.post(
    '/complaints/:id/escalate',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Raise the escalation level by one and alert its roles',
        params: idParams,
        body: complaintEscalateBody,
        response: { 200: complaintDetail },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) =>
        complaints.escalateComplaint(ctx, request.params.id, request.body),
      ),
  );

  app.post(
    '/complaints/:id/win-back',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record the win-back review once the period after closing has passed',
        params: idParams,
        body: winBackReviewBody,
        response: { 200: complaintDetail },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => complaints.reviewWinBack(ctx, request.params.id, request.body)),
  );

  app.get(
    '/complaint-settings',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Causes, deadlines, approval limits, level alerts, win-back period',
        response: { 200: complaintSettings },
      },
    },
    async (request) => complaints.getSettings(request.ctx()),
  );

  app.put(
    '/complaint-settings',
    {
      config: { permission: 'complaints.configure' as const },
      schema: {
        tags,
        summary: 'Change the complaint settings',
        body: complaintSettingsBody,
        response: { 200: complaintSettings },
      },
    },
    async (request) => inTransaction(request.ctx(), (ctx) => complaints.saveSettings(ctx, request.body)),
  );
};
