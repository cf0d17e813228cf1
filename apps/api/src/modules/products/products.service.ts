import type {
  ProductCategory,
  ProductModel,
  Unit,
  WarrantyPolicy,
  WarrantyStart,
  WarrantyStatus,
} from '@manyi/contracts';
import { AppError } from '../../lib/app-error';
import type { ServiceContext } from '../../lib/context';
import { requireUpdated } from '../../lib/versioned';
import { diff, recordAudit } from '../audit/audit.service';
import * as repo from './products.repository';
import { computeWarranty, todayIn, type WarrantyTerms } from './warranty';

type Part = { partClass: string; months: number };

// ── Warranty policies ───────────────────────────────────────────────────────────────────────────────

function serialisePolicy(p: repo.PolicyRow): WarrantyPolicy {
  return { ...p, createdAt: p.createdAt.toISOString() };
}

async function requireUniquePolicyName(ctx: ServiceContext, name: string, exceptId?: string) {
  if (await repo.findPolicyIdByName(ctx.db, ctx.principal.tenantId, name, exceptId))
    throw new AppError('DUPLICATE', { entity: 'warranty_policy', field: 'name', value: name });
}

export async function findWarrantyPolicies(ctx: ServiceContext) {
  return (await repo.findPolicies(ctx.db, ctx.principal.tenantId)).map(serialisePolicy);
}

export async function getWarrantyPolicy(ctx: ServiceContext, id: string) {
  const p = await repo.getPolicyRow(ctx.db, ctx.principal.tenantId, id);
  if (!p) throw new AppError('NOT_FOUND', { entity: 'warranty_policy', id });
  return serialisePolicy(p);
}

export async function createWarrantyPolicy(
  ctx: ServiceContext,
  input: { name: string; startsFrom: WarrantyStart; wholeUnitMonths: number; parts: Part[]; notes?: string },
) {
  await requireUniquePolicyName(ctx, input.name);
  const p = await repo.insertPolicy(ctx.db, {
    tenantId: ctx.principal.tenantId,
    name: input.name,
    startsFrom: input.startsFrom,
    wholeUnitMonths: input.wholeUnitMonths,
    parts: input.parts,
    notes: input.notes ?? null,
  });
  await recordAudit(ctx, {
    action: 'warranty_policy.created',
    entityType: 'warranty_policy',
    entityId: p.id,
    changes: input,
  });
  return serialisePolicy(p);
}

export async function changeWarrantyPolicy(
  ctx: ServiceContext,
  id: string,
  input: {
    version: number;
    name?: string;
    startsFrom?: WarrantyStart;
    wholeUnitMonths?: number;
    parts?: Part[];
    notes?: string | null;
  },
) {
  const { version, ...patch } = input;
  const tenantId = ctx.principal.tenantId;
  const before = await repo.getPolicyRow(ctx.db, tenantId, id);
  if (!before) throw new AppError('NOT_FOUND', { entity: 'warranty_policy', id });
  if (patch.name !== undefined) await requireUniquePolicyName(ctx, patch.name, id);
  const updated = await requireUpdated(
    await repo.updatePolicy(ctx.db, tenantId, id, version, patch),
    'warranty_policy',
    id,
    () => repo.getPolicyRow(ctx.db, tenantId, id),
  );
  await recordAudit(ctx, {
    action: 'warranty_policy.changed',
    entityType: 'warranty_policy',
    entityId: id,
    changes: diff(before, patch),
  });
  return serialisePolicy(updated);
}

// ── Product models ──────────────────────────────────────────────────────────────────────────────────

function serialiseModel(m: repo.ModelRow): ProductModel {
  return { ...m, category: m.category as ProductCategory, createdAt: m.createdAt.toISOString() };
}

async function requirePolicyReference(ctx: ServiceContext, policyId: string | null | undefined) {
  if (!policyId) return;
  if (!(await repo.getPolicyRow(ctx.db, ctx.principal.tenantId, policyId)))
    throw new AppError('REFERENCE_INVALID', { field: 'warrantyPolicyId' });
}

async function requireUniqueModelCode(ctx: ServiceContext, code: string, exceptId?: string) {
  if (await repo.findModelIdByCode(ctx.db, ctx.principal.tenantId, code, exceptId))
    throw new AppError('DUPLICATE', { entity: 'product_model', field: 'code', value: code });
}

const encodeCursor = (value: string) => Buffer.from(value, 'utf8').toString('base64url');

function decodeCursor(cursor: string, check: (value: string) => boolean): string {
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!value || !check(value) || encodeCursor(value) !== cursor)
    throw new AppError('VALIDATION_FAILED', [
      { in: 'querystring', path: 'cursor', message: 'invalid cursor' },
    ]);
  return value;
}

export async function findProductModels(
  ctx: ServiceContext,
  query: { q?: string; category?: ProductCategory; cursor?: string; limit: number },
) {
  const rows = await repo.findModels(ctx.db, ctx.principal.tenantId, {
    q: query.q || undefined,
    category: query.category,
    afterCode: query.cursor ? decodeCursor(query.cursor, () => true) : undefined,
    limit: query.limit,
  });
  return {
    items: rows.map(serialiseModel),
    nextCursor: rows.length === query.limit ? encodeCursor(rows.at(-1)!.code) : null,
  };
}

export async function getProductModel(ctx: ServiceContext, id: string) {
  const m = await repo.getModelRow(ctx.db, ctx.principal.tenantId, id);
  if (!m) throw new AppError('NOT_FOUND', { entity: 'product_model', id });
  return serialiseModel(m);
}

export async function createProductModel(
  ctx: ServiceContext,
  input: {
    code: string;
    name: string;
    category: ProductCategory;
    brand?: string;
    warrantyPolicyId: string | null;
  },
) {
  await requireUniqueModelCode(ctx, input.code);
  await requirePolicyReference(ctx, input.warrantyPolicyId);
  const m = await repo.insertModel(ctx.db, {
    tenantId: ctx.principal.tenantId,
    code: input.code,
    name: input.name,
    category: input.category,
    brand: input.brand ?? null,
    warrantyPolicyId: input.warrantyPolicyId,
  });
  await recordAudit(ctx, {
    action: 'product_model.created',
    entityType: 'product_model',
    entityId: m.id,
    changes: input,
  });
  return serialiseModel(m);
}

export async function changeProductModel(
  ctx: ServiceContext,
  id: string,
  input: {
    version: number;
    code?: string;
    name?: string;
    category?: ProductCategory;
    brand?: string | null;
    warrantyPolicyId?: string | null;
  },
) {
  const { version, ...patch } = input;
  const tenantId = ctx.principal.tenantId;
  const before = await repo.getModelRow(ctx.db, tenantId, id);
  if (!before) throw new AppError('NOT_FOUND', { entity: 'product_model', id });
  if (patch.code !== undefined) await requireUniqueModelCode(ctx, patch.code, id);
  await requirePolicyReference(ctx, patch.warrantyPolicyId);
  const updated = await requireUpdated(
    await repo.updateModel(ctx.db, tenantId, id, version, patch),
    'product_model',
    id,
    () => repo.getModelRow(ctx.db, tenantId, id),
  );
  await recordAudit(ctx, {
    action: 'product_model.changed',
    entityType: 'product_model',
    entityId: id,
    changes: diff(before, patch),
  });
  return serialiseModel(updated);
}

// ── Units and their warranty ────────────────────────────────────────────────────────────────────────

function termsOf(u: repo.UnitRow): WarrantyTerms | null {
  if (u.policyStartsFrom === null || u.policyWholeUnitMonths === null) return null;
  return {
    startsFrom: u.policyStartsFrom,
    wholeUnitMonths: u.policyWholeUnitMonths,
    parts: u.policyParts ?? [],
  };
}

/** Today's calendar date where the tenant is. */
const tenantToday = (ctx: ServiceContext) => todayIn(ctx.principal.tenantTimeZone, ctx.now());

function serialiseUnit(u: repo.UnitRow, today: string): Unit {
  const { policyStartsFrom: _s, policyWholeUnitMonths: _m, policyParts: _p, ...rest } = u;
  return {
    ...rest,
    category: u.category as ProductCategory,
    warranty: computeWarranty(termsOf(u), u, today),
    createdAt: u.createdAt.toISOString(),
  };
}

async function requireUnitRow(ctx: ServiceContext, id: string) {
  const u = await repo.getUnitRow(ctx.db, ctx.principal.tenantId, id);
  if (!u) throw new AppError('NOT_FOUND', { entity: 'unit', id });
  return u;
}

async function requireCustomer(ctx: ServiceContext, customerId: string) {
  if (!(await repo.customerExists(ctx.db, ctx.principal.tenantId, customerId)))
    throw new AppError('NOT_FOUND', { entity: 'customer', id: customerId });
}

async function requireAddressOf(
  ctx: ServiceContext,
  customerId: string,
  addressId: string | null | undefined,
) {
  if (!addressId) return;
  if (!(await repo.addressOfCustomer(ctx.db, ctx.principal.tenantId, customerId, addressId)))
    throw new AppError('REFERENCE_INVALID', { field: 'addressId' });
}

function requireDateOrder(dates: { purchaseDate: string | null; installDate: string | null }) {
  if (dates.purchaseDate && dates.installDate && dates.installDate < dates.purchaseDate)
    throw new AppError('VALIDATION_FAILED', [
      { in: 'body', path: 'installDate', message: 'installDate must not be before purchaseDate' },
    ]);
}

export interface UnitInput {
  modelId: string;
  serialNumber: string;
  purchaseDate?: string;
  deliveryDate?: string;
  installDate?: string;
  dealer?: string;
  invoiceNo?: string;
  addressId?: string;
  notes?: string;
}

/** Registers a product a customer owns: the model and the address must be this tenant's (and the address this customer's). */
export async function registerUnit(ctx: ServiceContext, customerId: string, input: UnitInput) {
  const tenantId = ctx.principal.tenantId;
  await requireCustomer(ctx, customerId);
  if (!(await repo.getModelRow(ctx.db, tenantId, input.modelId)))
    throw new AppError('REFERENCE_INVALID', { field: 'modelId' });
  await requireAddressOf(ctx, customerId, input.addressId);
  if (await repo.findUnitIdBySerial(ctx.db, tenantId, input.serialNumber))
    throw new AppError('DUPLICATE', { entity: 'unit', field: 'serialNumber', value: input.serialNumber });
  const row = {
    modelId: input.modelId,
    serialNumber: input.serialNumber,
    purchaseDate: input.purchaseDate ?? null,
    deliveryDate: input.deliveryDate ?? null,
    installDate: input.installDate ?? null,
    dealer: input.dealer ?? null,
    invoiceNo: input.invoiceNo ?? null,
    addressId: input.addressId ?? null,
    notes: input.notes ?? null,
  };
  requireDateOrder(row);
  const { id } = await repo.insertUnit(ctx.db, { tenantId, customerId, ...row });
  await recordAudit(ctx, {
    action: 'unit.registered',
    entityType: 'unit',
    entityId: id,
    changes: { customerId, ...row },
  });
  return serialiseUnit(await requireUnitRow(ctx, id), tenantToday(ctx));
}

export async function getUnit(ctx: ServiceContext, id: string) {
  return serialiseUnit(await requireUnitRow(ctx, id), tenantToday(ctx));
}

export async function findCustomerUnits(
  ctx: ServiceContext,
  customerId: string,
  page: { cursor?: string; limit: number },
) {
  await requireCustomer(ctx, customerId);
  const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const rows = await repo.findCustomerUnits(ctx.db, ctx.principal.tenantId, customerId, {
    afterId: page.cursor ? decodeCursor(page.cursor, (v) => uuidPattern.test(v)) : undefined,
    limit: page.limit,
  });
  const today = tenantToday(ctx);
  return {
    items: rows.map((u) => serialiseUnit(u, today)),
    nextCursor: rows.length === page.limit ? encodeCursor(rows.at(-1)!.id) : null,
  };
}

export async function findUnitsBySerial(ctx: ServiceContext, serialNumber: string) {
  const today = tenantToday(ctx);
  const rows = await repo.findUnitsBySerial(ctx.db, ctx.principal.tenantId, serialNumber);
  return { items: rows.map((u) => serialiseUnit(u, today)) };
}

export async function changeUnit(
  ctx: ServiceContext,
  id: string,
  input: {
    version: number;
    purchaseDate?: string | null;
    deliveryDate?: string | null;
    installDate?: string | null;
    dealer?: string | null;
    invoiceNo?: string | null;
    addressId?: string | null;
    notes?: string | null;
  },
) {
  const { version, ...patch } = input;
  const tenantId = ctx.principal.tenantId;
  const before = await requireUnitRow(ctx, id);
  await requireAddressOf(ctx, before.customerId, patch.addressId);
  requireDateOrder({
    purchaseDate: patch.purchaseDate === undefined ? before.purchaseDate : patch.purchaseDate,
    installDate: patch.installDate === undefined ? before.installDate : patch.installDate,
  });
  await requireUpdated(await repo.updateUnit(ctx.db, tenantId, id, version, patch), 'unit', id, () =>
    repo.getUnitVersion(ctx.db, tenantId, id),
  );
  await recordAudit(ctx, {
    action: 'unit.changed',
    entityType: 'unit',
    entityId: id,
    changes: diff(before, patch),
  });
  return serialiseUnit(await requireUnitRow(ctx, id), tenantToday(ctx));
}

/**
 * Whether a unit (or one of its part classes) is under warranty on a date — today in the tenant's time
 * zone unless given — and why. Other modules (tickets) call this too.
 */
export async function getUnitWarranty(
  ctx: ServiceContext,
  id: string,
  query: { date?: string; part?: string },
): Promise<WarrantyStatus> {
  const u = await requireUnitRow(ctx, id);
  return computeWarranty(termsOf(u), u, query.date ?? tenantToday(ctx), query.part ?? null);
}
