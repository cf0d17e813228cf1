import {
  charge,
  idParams,
  partUsedBody,
  paymentBody,
  priceItem,
  priceItemBody,
  priceItemChangeBody,
  priceItemQuery,
  publicQuote,
  publicQuoteDecisionBody,
  quote,
  quoteChangeBody,
  quoteCreateBody,
  quoteDecisionBody,
  quoteSendBody,
  quoteSent,
  ticketMoney,
} from '@manyi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../lib/context';
import { idempotentCreate } from '../../plugins/idempotency';
import * as quotes from './quotes.service';

const tags = ['quotes'];
const write = { permission: 'tickets.write' as const };
const tokenParams = z.object({ token: z.string().max(100) });

/** Price list, quotes on work orders, charges and payments; the customer's quote page by signed link. */
export const quoteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/price-items',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'The price list (parts, labour, call-out fee, paid services)',
        querystring: priceItemQuery,
        response: { 200: z.object({ items: z.array(priceItem) }) },
      },
    },
    async (request) => ({ items: await quotes.findPriceItems(request.ctx(), request.query) }),
  );
  app.post(
    '/price-items',
    {
      config: { permission: 'pricing.manage' },
      schema: { tags, summary: 'Add a price-list item', body: priceItemBody, response: { 201: priceItem } },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => quotes.createPriceItem(ctx, request.body)),
  );
  app.patch(
    '/price-items/:id',
    {
      config: { permission: 'pricing.manage' },
      schema: {
        tags,
        summary: 'Change a price, its part class or category, or retire it',
        params: idParams,
        body: priceItemChangeBody,
        response: { 200: priceItem },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => quotes.changePriceItem(ctx, request.params.id, request.body)),
  );

  app.get(
    '/tickets/:id/money',
    {
      schema: {
        tags,
        summary: 'Quotes, charges, payments and balance of a work order',
        params: idParams,
        response: { 200: ticketMoney },
      },
    },
    async (request) => quotes.getTicketMoney(request.ctx(), request.params.id),
  );
  app.post(
    '/tickets/:id/quotes',
    {
      config: write,
      schema: {
        tags,
        summary: 'Draft a quote (lines warranty-checked; optionally from the services offered at intake)',
        params: idParams,
        body: quoteCreateBody,
        response: { 201: quote },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => quotes.createQuote(ctx, request.params.id, request.body)),
  );
  app.get(
    '/quotes/:id',
    { schema: { tags, summary: 'A quote with its lines', params: idParams, response: { 200: quote } } },
    async (request) => quotes.getQuote(request.ctx(), request.params.id),
  );
  app.patch(
    '/quotes/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a draft quote',
        params: idParams,
        body: quoteChangeBody,
        response: { 200: quote },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => quotes.changeQuote(ctx, request.params.id, request.body)),
  );
  app.post(
    '/quotes/:id/send',
    {
      config: write,
      schema: {
        tags,
        summary: 'Send the quote: a signed single-use link for the customer (re-sending replaces it)',
        params: idParams,
        body: quoteSendBody,
        response: { 200: quoteSent },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => quotes.sendQuote(ctx, request.params.id, request.body.version)),
  );
  app.post(
    '/quotes/:id/decision',
    {
      config: write,
      schema: {
        tags,
        summary: 'Record the customer’s decision on site (accepted lines become charges)',
        params: idParams,
        body: quoteDecisionBody,
        response: { 200: quote },
      },
    },
    async (request) =>
      inTransaction(request.ctx(), (ctx) => quotes.decideQuoteOnSite(ctx, request.params.id, request.body)),
  );
  app.post(
    '/tickets/:id/parts-used',
    {
      config: write,
      schema: {
        tags,
        summary: 'A part used on site: free under warranty, otherwise it must be on an accepted quote',
        params: idParams,
        body: partUsedBody,
        response: { 201: charge },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => quotes.recordPartUsed(ctx, request.params.id, request.body)),
  );
  app.post(
    '/tickets/:id/payments',
    {
      config: write,
      schema: {
        tags,
        summary: 'Record a payment (cash, WeChat Pay, Alipay, card, bank transfer)',
        params: idParams,
        body: paymentBody,
        response: { 201: ticketMoney },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => quotes.recordPayment(ctx, request.params.id, request.body)),
  );

  app.get(
    '/public/quote/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'The quote as the customer sees it by signed link',
        params: tokenParams,
        response: { 200: publicQuote },
      },
    },
    async (request) => quotes.getPublicQuote(app.database.db, request.params.token, new Date()),
  );
  app.post(
    '/public/quote/:token/decision',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'The customer accepts or declines (once, before the quote expires)',
        params: tokenParams,
        body: publicQuoteDecisionBody,
        response: { 200: publicQuote },
      },
    },
    async (request) =>
      quotes.decideQuoteByLink(app.database.db, request.params.token, request.body, new Date(), request.id),
  );
};
