import {
  addressAddBody,
  churnBody,
  customer,
  customerAddressParams,
  customerChangeBody,
  customerCreateBody,
  customerListQuery,
  customerPage,
  customerPhoneParams,
  idParams,
  phoneAddBody,
  phoneLookupQuery,
  phoneLookupResponse,
  reactivateBody,
  versionQuery,
} from '@manyi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idempotentCreate } from '../../plugins/idempotency';
import * as customers from './customers.service';

const tags = ['customers'];
const read = { permission: 'customers.read' } as const;
const write = { permission: 'customers.write' } as const;

export const customerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/customers/lookup',
    {
      config: read,
      schema: {
        tags,
        summary: 'Find the caller by phone number (exact, or by the digits typed so far)',
        querystring: phoneLookupQuery,
        response: { 200: phoneLookupResponse },
      },
    },
    async (request) => customers.lookupByPhone(request.ctx(), request.query.phone),
  );
  app.get(
    '/customers',
    {
      config: read,
      schema: {
        tags,
        summary: 'Customers, newest first; search by name, company, e-mail or phone',
        querystring: customerListQuery,
        response: { 200: customerPage },
      },
    },
    async (request) => customers.findCustomers(request.ctx(), request.query),
  );
  app.post(
    '/customers',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a customer with phones and addresses',
        body: customerCreateBody,
        response: { 201: customer },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => customers.createCustomer(ctx, request.body)),
  );
  app.get(
    '/customers/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'A customer with phones and addresses',
        params: idParams,
        response: { 200: customer },
      },
    },
    async (request) => customers.getCustomer(request.ctx(), request.params.id),
  );
  app.patch(
    '/customers/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change name, company, e-mail, tier, value, consent or notes',
        params: idParams,
        body: customerChangeBody,
        response: { 200: customer },
      },
    },
    async (request) => customers.changeCustomer(request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/customers/:id/phones',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a phone number',
        params: idParams,
        body: phoneAddBody,
        response: { 201: customer },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => customers.addPhone(ctx, request.params.id, request.body)),
  );
  app.delete(
    '/customers/:id/phones/:phoneId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a phone number',
        params: customerPhoneParams,
        querystring: versionQuery,
        response: { 200: customer },
      },
    },
    async (request) =>
      customers.removePhone(request.ctx(), request.params.id, request.params.phoneId, request.query.version),
  );
  app.post(
    '/customers/:id/addresses',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add an address',
        params: idParams,
        body: addressAddBody,
        response: { 201: customer },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => customers.addAddress(ctx, request.params.id, request.body)),
  );
  app.delete(
    '/customers/:id/addresses/:addressId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove an address',
        params: customerAddressParams,
        querystring: versionQuery,
        response: { 200: customer },
      },
    },
    async (request) =>
      customers.removeAddress(
        request.ctx(),
        request.params.id,
        request.params.addressId,
        request.query.version,
      ),
  );
  app.post(
    '/customers/:id/churn',
    {
      config: write,
      schema: {
        tags,
        summary: 'Record that the customer left, and why',
        params: idParams,
        body: churnBody,
        response: { 200: customer },
      },
    },
    async (request) => customers.churnCustomer(request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/customers/:id/reactivate',
    {
      config: write,
      schema: {
        tags,
        summary: 'Win a churned customer back',
        params: idParams,
        body: reactivateBody,
        response: { 200: customer },
      },
    },
    async (request) => customers.reactivateCustomer(request.ctx(), request.params.id, request.body),
  );
};
