import {
  customerUnitsParams,
  idParams,
  pageQuery,
  productModel,
  productModelBody,
  productModelChangeBody,
  productModelListQuery,
  productModelPage,
  unit,
  unitBody,
  unitChangeBody,
  unitList,
  unitPage,
  unitSerialQuery,
  warrantyPolicy,
  warrantyPolicyBody,
  warrantyPolicyChangeBody,
  warrantyPolicyList,
  warrantyQuery,
  warrantyStatus,
} from '@manyi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idempotentCreate } from '../../plugins/idempotency';
import * as products from './products.service';

/** Warranty policies, product models (the catalog) and the units customers own, with their warranty. */
export const productRoutes: FastifyPluginAsyncZod = async (app) => {
  // ── Warranty policies ──
  app.get(
    '/warranty-policies',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags: ['products'],
        summary: 'Warranty policies of the tenant, by name',
        response: { 200: warrantyPolicyList },
      },
    },
    async (request) => ({ items: await products.findWarrantyPolicies(request.ctx()) }),
  );
  app.post(
    '/warranty-policies',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags: ['products'],
        summary: 'Create a warranty policy (whole-unit months, longer periods for part classes)',
        body: warrantyPolicyBody,
        response: { 201: warrantyPolicy },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => products.createWarrantyPolicy(ctx, request.body)),
  );
  app.get(
    '/warranty-policies/:id',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags: ['products'],
        summary: 'One warranty policy',
        params: idParams,
        response: { 200: warrantyPolicy },
      },
    },
    async (request) => products.getWarrantyPolicy(request.ctx(), request.params.id),
  );
  app.patch(
    '/warranty-policies/:id',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags: ['products'],
        summary: 'Change a warranty policy (applies to every model that uses it)',
        params: idParams,
        body: warrantyPolicyChangeBody,
        response: { 200: warrantyPolicy },
      },
    },
    async (request) => products.changeWarrantyPolicy(request.ctx(), request.params.id, request.body),
  );

  // ── Product models ──
  app.get(
    '/product-models',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags: ['products'],
        summary: 'Product models by code; q matches code, name or brand',
        querystring: productModelListQuery,
        response: { 200: productModelPage },
      },
    },
    async (request) => products.findProductModels(request.ctx(), request.query),
  );
  app.post(
    '/product-models',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags: ['products'],
        summary: 'Create a product model',
        body: productModelBody,
        response: { 201: productModel },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) => products.createProductModel(ctx, request.body)),
  );
  app.get(
    '/product-models/:id',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags: ['products'],
        summary: 'One product model',
        params: idParams,
        response: { 200: productModel },
      },
    },
    async (request) => products.getProductModel(request.ctx(), request.params.id),
  );
  app.patch(
    '/product-models/:id',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags: ['products'],
        summary: 'Change a product model (code, name, category, brand, warranty policy)',
        params: idParams,
        body: productModelChangeBody,
        response: { 200: productModel },
      },
    },
    async (request) => products.changeProductModel(request.ctx(), request.params.id, request.body),
  );

  // ── Units (products customers own) ──
  app.post(
    '/customers/:customerId/units',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags: ['products'],
        summary: 'Register a unit the customer owns (serial number unique in the tenant)',
        params: customerUnitsParams,
        body: unitBody,
        response: { 201: unit },
      },
    },
    async (request, reply) =>
      idempotentCreate(request, reply, (ctx) =>
        products.registerUnit(ctx, request.params.customerId, request.body),
      ),
  );
  app.get(
    '/customers/:customerId/units',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: ['products'],
        summary: "A customer's units, newest first, each with its whole-unit warranty today",
        params: customerUnitsParams,
        querystring: pageQuery,
        response: { 200: unitPage },
      },
    },
    async (request) => products.findCustomerUnits(request.ctx(), request.params.customerId, request.query),
  );
  app.get(
    '/units',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: ['products'],
        summary: 'Find a unit by its exact serial number',
        querystring: unitSerialQuery,
        response: { 200: unitList },
      },
    },
    async (request) => products.findUnitsBySerial(request.ctx(), request.query.serial),
  );
  app.get(
    '/units/:id',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: ['products'],
        summary: 'One unit, with its whole-unit warranty today',
        params: idParams,
        response: { 200: unit },
      },
    },
    async (request) => products.getUnit(request.ctx(), request.params.id),
  );
  app.patch(
    '/units/:id',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags: ['products'],
        summary: 'Correct a unit’s dates, dealer, invoice, address or notes',
        params: idParams,
        body: unitChangeBody,
        response: { 200: unit },
      },
    },
    async (request) => products.changeUnit(request.ctx(), request.params.id, request.body),
  );
  app.get(
    '/units/:id/warranty',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: ['products'],
        summary: 'Warranty status of a unit or one part class on a date (default: today, tenant time zone)',
        params: idParams,
        querystring: warrantyQuery,
        response: { 200: warrantyStatus },
      },
    },
    async (request) => products.getUnitWarranty(request.ctx(), request.params.id, request.query),
  );
};
