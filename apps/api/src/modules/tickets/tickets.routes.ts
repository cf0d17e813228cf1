import { createHash } from 'node:crypto';
import {
  attachment,
  callBody,
  idParams,
  noteBody,
  replyBody,
  ticket,
  ticketAssignBody,
  ticketChangeBody,
  ticketCreateBody,
  ticketDetail,
  ticketListQuery,
  ticketPage,
  ticketTagsBody,
  ticketTransitionBody,
  timelineEntry,
  timelineResponse,
} from '@manyi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { diskStore } from '../../lib/attachment-store';
import { inTransaction } from '../../lib/context';
import { idempotentCreate } from '../../plugins/idempotency';
import * as tickets from './tickets.service';

export const ticketRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = diskStore(app.config.attachmentDir);
  const write = { permission: 'tickets.write' as const };

  app.get(
    '/tickets',
    {
      schema: {
        tags: ['tickets'],
        summary: 'A queue of work orders: view, filters, search, keyset pages',
        querystring: ticketListQuery,
        response: { 200: ticketPage },
      },
    },
    async (request) => tickets.findTickets(request.ctx(), request.query),
  );

  app.post(
    '/tickets',
    {
      config: write,
      schema: {
        tags: ['tickets'],
        summary: 'Open a work order (工单)',
        body: ticketCreateBody,
        response: { 201: ticket },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => tickets.openTicket(ctx, request.body)),
  );

  app.get(
    '/tickets/:id',
    {
      schema: {
        tags: ['tickets'],
        summary: 'A work order with its customer and allowed moves',
        params: idParams,
        response: { 200: ticketDetail },
      },
    },
    async (request) => tickets.getTicket(request.ctx(), request.params.id),
  );

  app.patch(
    '/tickets/:id',
    {
      config: write,
      schema: {
        tags: ['tickets'],
        summary: 'Change subject, description, priority, type or unit',
        params: idParams,
        body: ticketChangeBody,
        response: { 200: ticket },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => tickets.changeTicket(ctx, request.params.id, request.body)),
  );

  app.post(
    '/tickets/:id/transition',
    {
      config: write,
      schema: {
        tags: ['tickets'],
        summary: 'Move a work order to another status',
        params: idParams,
        body: ticketTransitionBody,
        response: { 200: ticket },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => tickets.transitionTicket(ctx, request.params.id, request.body)),
  );

  app.post(
    '/tickets/:id/assign',
    {
      config: { permission: 'tickets.assign' },
      schema: {
        tags: ['tickets'],
        summary: 'Assign to a team and/or a person',
        params: idParams,
        body: ticketAssignBody,
        response: { 200: ticket },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => tickets.assignTicket(ctx, request.params.id, request.body)),
  );

  app.put(
    '/tickets/:id/tags',
    {
      config: write,
      schema: {
        tags: ['tickets'],
        summary: 'Replace the tags',
        params: idParams,
        body: ticketTagsBody,
        response: { 200: ticket },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => tickets.setTicketTags(ctx, request.params.id, request.body)),
  );

  app.get(
    '/tickets/:id/timeline',
    {
      schema: {
        tags: ['tickets'],
        summary: 'The timeline, oldest first',
        params: idParams,
        response: { 200: timelineResponse },
      },
    },
    async (request) => tickets.getTimeline(request.ctx(), request.params.id),
  );

  app.post(
    '/tickets/:id/calls',
    {
      config: write,
      schema: {
        tags: ['tickets'],
        summary: 'Log a phone call',
        params: idParams,
        body: callBody,
        response: { 201: timelineEntry },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) =>
        tickets.appendToTimeline(ctx, request.params.id, { kind: 'call', ...request.body }),
      ),
  );

  app.post(
    '/tickets/:id/replies',
    {
      config: write,
      schema: {
        tags: ['tickets'],
        summary: 'Add a public reply (the customer sees it)',
        params: idParams,
        body: replyBody,
        response: { 201: timelineEntry },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) =>
        tickets.appendToTimeline(ctx, request.params.id, { kind: 'reply', ...request.body }),
      ),
  );

  app.post(
    '/tickets/:id/notes',
    {
      config: write,
      schema: {
        tags: ['tickets'],
        summary: 'Add an internal note (staff only)',
        params: idParams,
        body: noteBody,
        response: { 201: timelineEntry },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) =>
        tickets.appendToTimeline(ctx, request.params.id, { kind: 'note', ...request.body }),
      ),
  );

  app.get(
    '/tickets/:id/attachments',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Attachments of a work order',
        params: idParams,
        response: { 200: z.object({ items: z.array(attachment) }) },
      },
    },
    async (request) => ({ items: await tickets.findAttachments(request.ctx(), request.params.id) }),
  );

  app.post(
    '/tickets/:id/attachments',
    {
      config: write,
      schema: {
        tags: ['tickets'],
        summary: 'Upload one attachment (multipart/form-data, field "file")',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: attachment },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError('BAD_REQUEST', { reason: 'expected multipart/form-data with a file field' });
      const part = await request.file();
      if (!part) throw new AppError('VALIDATION_FAILED', [{ path: 'file', message: 'no file' }]);
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('ATTACHMENT_TOO_LARGE', { maxBytes: app.config.attachmentMaxBytes });
        throw err;
      }
      const fingerprint = createHash('sha256').update(data).update(part.filename).digest('hex');
      return idempotentCreate(
        request,
        reply,
        (ctx) =>
          tickets.attachFile(ctx, store, request.params.id, {
            fileName: part.filename,
            declaredType: part.mimetype,
            data,
          }),
        fingerprint,
      );
    },
  );

  app.get(
    '/attachments/:id/content',
    { schema: { tags: ['tickets'], summary: 'Download an attachment', params: idParams } },
    async (request, reply) => {
      const { meta, stream } = await tickets.openAttachment(request.ctx(), store, request.params.id);
      const inline = meta.contentType.startsWith('image/') || meta.contentType === 'application/pdf';
      reply
        .header('content-type', meta.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(meta.fileName)}`,
        );
      return reply.send(stream);
    },
  );
};
