import {
  custodyItem,
  custodyItemBody,
  custodyItemDetail,
  custodyListQuery,
  custodyMoveBody,
  custodyReport,
  custodyReturnBody,
  idParams,
  incidentBody,
  incidentCloseBody,
  incidentNotificationBody,
} from '@manyi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../lib/context';
import { idempotentCreate } from '../../plugins/idempotency';
import * as custody from './custody.service';

const tags = ['custody'];
const manage = { permission: 'custody.manage' as const };

/** The customer-property register (ISO 9001 7.5.4): intake, moves, return with sign-off, loss/damage incidents. */
export const custodyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/custody/items',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Customer property in our custody (filters; newest first)',
        querystring: custodyListQuery,
        response: { 200: z.object({ items: z.array(custodyItem), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => custody.findCustodyItems(request.ctx(), request.query),
  );
  app.get(
    '/custody/report',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Custody per service point: held now, overdue, incidents',
        response: { 200: custodyReport },
      },
    },
    async (request) => custody.custodyReport(request.ctx()),
  );
  app.get(
    '/custody/items/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A custody item with its chain of custody and incidents',
        params: idParams,
        response: { 200: custodyItemDetail },
      },
    },
    async (request) => custody.getCustodyItem(request.ctx(), request.params.id),
  );
  app.post(
    '/custody/items',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Receive customer property (condition and photos on intake)',
        body: custodyItemBody,
        response: { 201: custodyItemDetail },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => custody.receiveCustodyItem(ctx, request.body)),
  );
  app.post(
    '/custody/items/:id/move',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Hand over to another holder and/or location',
        params: idParams,
        body: custodyMoveBody,
        response: { 200: custodyItemDetail },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => custody.moveCustodyItem(ctx, request.params.id, request.body)),
  );
  app.post(
    '/custody/items/:id/return',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Return to the customer with their sign-off',
        params: idParams,
        body: custodyReturnBody,
        response: { 200: custodyItemDetail },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => custody.returnCustodyItem(ctx, request.params.id, request.body)),
  );
  app.post(
    '/custody/items/:id/incidents',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Report loss or damage',
        params: idParams,
        body: incidentBody,
        response: { 201: custodyItemDetail },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => custody.reportIncident(ctx, request.params.id, request.body)),
  );
  app.post(
    '/custody/incidents/:id/notification',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record that the customer was told (how, when, what)',
        params: idParams,
        body: incidentNotificationBody,
        response: { 200: custodyItemDetail },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) =>
        custody.recordCustomerNotified(ctx, request.params.id, request.body),
      ),
  );
  app.post(
    '/custody/incidents/:id/close',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Close an incident (refused until the customer is recorded as told)',
        params: idParams,
        body: incidentCloseBody,
        response: { 200: custodyItemDetail },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => custody.closeIncident(ctx, request.params.id, request.body)),
  );
};
