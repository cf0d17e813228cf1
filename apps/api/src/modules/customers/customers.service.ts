import {
  type addressInput,
  type Customer,
  type CustomerCreateBody,
  type CustomerSummary,
  type customerChangeBody,
  type customerListQuery,
  type NormalisedPhone,
  normalisePhone,
  phoneNational,
} from '@manyi/contracts';
import { customerSearchText } from '@manyi/db/search';
import type { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { type ServiceContext, withExecutor } from '../../lib/context';
import { iso, requireUpdated } from '../../lib/versioned';
import { diff, recordAudit } from '../audit/audit.service';
import * as repo from './customers.repository';

type AddressInput = z.output<typeof addressInput>;
type CustomerChange = z.output<typeof customerChangeBody>;
type ListQuery = z.output<typeof customerListQuery>;
type Consent = Customer['consent'];

const ENTITY = 'customer';
/** Callers sharing one number (a family's landline) are all shown; more than this is not a useful list. */
const EXACT_LOOKUP_LIMIT = 20;
const PREFIX_LOOKUP_LIMIT = 10;

/** Runs `fn` in a transaction (a savepoint when the caller already opened one): all of it or nothing. */
function inTransaction<T>(ctx: ServiceContext, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn(withExecutor(ctx, tx)));
}

/** Same keys in the same order whatever jsonb did to them, so that audit diffs compare like with like. */
function toConsent(value: unknown): Consent {
  const v = (value ?? {}) as Partial<Consent>;
  return {
    serviceCalls: v.serviceCalls !== false,
    surveys: v.surveys !== false,
    marketing: v.marketing === true,
  };
}

function toPhone(p: repo.PhoneRow): Customer['phones'][number] {
  const kind = p.kind === 'mobile' || p.kind === 'landline' ? p.kind : 'other';
  return { id: p.id, e164: p.e164, display: p.display, kind, label: p.label, isPrimary: p.isPrimary };
}

function toCustomer(c: repo.CustomerRow, phones: repo.PhoneRow[], addresses: repo.AddressRow[]): Customer {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    companyName: c.companyName,
    email: c.email,
    tier: c.tier,
    valueFen: c.valueFen,
    status: c.status,
    churnReason: c.churnReason,
    churnedAt: iso(c.churnedAt),
    consent: toConsent(c.consent),
    notes: c.notes,
    phones: phones.map(toPhone),
    addresses,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

function toSummary(s: Omit<repo.SummaryRow, 'cursorAt'>): CustomerSummary {
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    tier: s.tier,
    status: s.status,
    primaryPhone: s.primaryPhone,
    city: s.city,
  };
}

const phoneRow = (n: NormalisedPhone) => ({
  e164: n.e164,
  national: phoneNational(n.e164),
  kind: n.kind,
  display: n.display,
});

const addressRow = (a: AddressInput) => ({
  label: a.label ?? null,
  provinceCode: a.provinceCode,
  cityCode: a.cityCode,
  districtCode: a.districtCode ?? null,
  province: a.province,
  city: a.city,
  district: a.district ?? null,
  detail: a.detail,
  postalCode: a.postalCode ?? null,
  lat: a.lat ?? null,
  lng: a.lng ?? null,
  isDefault: a.isDefault,
});

async function requireCustomer(ctx: ServiceContext, id: string) {
  const row = await repo.getCustomerRow(ctx.db, ctx.principal.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND', { entity: ENTITY, id });
  return row;
}

async function loadCustomer(ctx: ServiceContext, row: repo.CustomerRow): Promise<Customer> {
  const tenantId = ctx.principal.tenantId;
  const phones = await repo.findPhones(ctx.db, tenantId, row.id);
  const addresses = await repo.findAddresses(ctx.db, tenantId, row.id);
  return toCustomer(row, phones, addresses);
}

/**
 * Bumps the customer's version (optimistic concurrency on the whole customer, phones and addresses
 * included) and rewrites search_text from the given fields and phones. VERSION_CONFLICT when stale.
 */
async function bumpCustomer(
  ctx: ServiceContext,
  row: repo.CustomerRow,
  version: number,
  phones: readonly { e164: string; national: string }[],
  patch: Parameters<typeof repo.updateCustomer>[4] = {},
) {
  const fields = {
    name: patch.name ?? row.name,
    companyName: patch.companyName === undefined ? row.companyName : patch.companyName,
    email: patch.email === undefined ? row.email : patch.email,
  };
  const tenantId = ctx.principal.tenantId;
  return requireUpdated(
    await repo.updateCustomer(
      ctx.db,
      tenantId,
      row.id,
      version,
      { ...patch, searchText: customerSearchText({ ...fields, phones }) },
      ctx.now(),
    ),
    ENTITY,
    row.id,
    () => repo.getCustomerRow(ctx.db, tenantId, row.id),
  );
}

/** The digits to prefix-match national numbers by: country code (+86 / 0086 / 86…) and trunk 0 removed. */
export function phonePrefixDigits(raw: string): string {
  const trimmed = raw.trim();
  let digits = trimmed.replace(/\D/g, '');
  if (/^(\+|00)/.test(trimmed)) {
    digits = digits.replace(/^00/, '');
    if (digits.startsWith('86')) digits = digits.slice(2);
  } else if (digits.startsWith('86') && digits.length > 11) digits = digits.slice(2);
  return digits.replace(/^0+/, '');
}

/**
 * Who is calling: the customers with this exact number (normalised to E.164), or, while the number is still
 * being typed (not a valid number, or a valid-looking one nobody has), those whose national number starts
 * with the digits typed so far (at least 4). At most two indexed queries.
 */
export async function lookupByPhone(ctx: ServiceContext, raw: string) {
  const tenantId = ctx.principal.tenantId;
  const normalised = normalisePhone(raw);
  let rows: Awaited<ReturnType<typeof repo.findByPhoneExact>> = [];
  if (normalised) rows = await repo.findByPhoneExact(ctx.db, tenantId, normalised.e164, EXACT_LOOKUP_LIMIT);
  if (rows.length === 0 && raw.replace(/\D/g, '').length >= 4) {
    const prefix = phonePrefixDigits(raw);
    if (prefix.length > 0) rows = await repo.findByPhonePrefix(ctx.db, tenantId, prefix, PREFIX_LOOKUP_LIMIT);
  }
  const seen = new Set<string>();
  const matches: (CustomerSummary & { matchedPhone: string })[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    matches.push({ ...toSummary(r), matchedPhone: r.matchedPhone });
  }
  return { normalised: normalised?.e164 ?? null, matches };
}

interface Cursor {
  createdAt: string;
  id: string;
}
const cursorTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2) {
      const [createdAt, id] = value as unknown[];
      if (
        typeof createdAt === 'string' &&
        cursorTimestamp.test(createdAt) &&
        !Number.isNaN(Date.parse(createdAt)) &&
        typeof id === 'string' &&
        uuidPattern.test(id)
      )
        return { createdAt, id };
    }
  } catch {
    // fall through: not our cursor
  }
  throw new AppError('VALIDATION_FAILED', [{ in: 'querystring', path: 'cursor', message: 'invalid cursor' }]);
}

/**
 * A number typed with spaces, dashes or a +86 ("138 0013 8000") is searched by its digits, which is how
 * search_text holds phones; anything else is searched as typed.
 */
function searchTerm(q: string): string {
  if (/^[\d\s\-+()（）.]+$/.test(q) && /\d{3}/.test(q.replace(/\D/g, ''))) {
    const digits = q.replace(/\D/g, '');
    return q.trim().startsWith('+') ? `+${digits}` : digits;
  }
  return q.toLowerCase();
}

/** Customers newest first, optionally filtered by tier, status and a search over name/company/email/phones. */
export async function findCustomers(ctx: ServiceContext, query: ListQuery) {
  const q = query.q?.trim();
  const rows = await repo.findCustomerPage(ctx.db, ctx.principal.tenantId, {
    search: q ? searchTerm(q) : undefined,
    tier: query.tier,
    status: query.status,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ createdAt: last.cursorAt, id: last.id }) : null,
  };
}

export async function getCustomer(ctx: ServiceContext, id: string): Promise<Customer> {
  return loadCustomer(ctx, await requireCustomer(ctx, id));
}

/** Normalises each phone; VALIDATION_FAILED (naming the field) for one that is not a number. */
function normaliseAll(numbers: readonly string[], field: (i: number) => string): NormalisedPhone[] {
  return numbers.map((n, i) => {
    const normalised = normalisePhone(n);
    if (!normalised)
      throw new AppError('VALIDATION_FAILED', [{ in: 'body', path: field(i), message: 'PHONE_INVALID' }]);
    return normalised;
  });
}

/** Creates a customer with phones (the first is primary) and addresses (one default: the flagged one, or the first). */
export async function createCustomer(ctx: ServiceContext, input: CustomerCreateBody): Promise<Customer> {
  const normalised = normaliseAll(
    input.phones.map((p) => p.number),
    (i) => `phones.${i}.number`,
  );
  const seen = new Map<string, number>();
  normalised.forEach((n, i) => {
    const first = seen.get(n.e164);
    if (first !== undefined)
      throw new AppError('DUPLICATE', { field: `phones.${i}.number`, sameAs: `phones.${first}.number` });
    seen.set(n.e164, i);
  });
  const defaults = input.addresses.flatMap((a, i) => (a.isDefault ? [i] : []));
  if (defaults.length > 1)
    throw new AppError(
      'VALIDATION_FAILED',
      defaults.slice(1).map((i) => ({
        in: 'body',
        path: `addresses.${i}.isDefault`,
        message: 'only one address can be the default',
      })),
    );

  return inTransaction(ctx, async (ctx) => {
    const tenantId = ctx.principal.tenantId;
    const now = ctx.now();
    const phones = normalised.map(phoneRow);
    const { id } = await repo.insertCustomer(ctx.db, {
      tenantId,
      kind: input.kind,
      name: input.name,
      companyName: input.companyName ?? null,
      email: input.email ?? null,
      tier: input.tier,
      valueFen: input.valueFen,
      consent: toConsent(input.consent),
      notes: input.notes ?? null,
      searchText: customerSearchText({
        name: input.name,
        companyName: input.companyName,
        email: input.email,
        phones,
      }),
      createdAt: now,
      updatedAt: now,
    });
    // One millisecond apart so that phones and addresses keep the order they were entered in.
    const at = (i: number) => new Date(now.getTime() + i);
    await repo.insertPhones(
      ctx.db,
      phones.map((p, i) => ({
        ...p,
        tenantId,
        customerId: id,
        label: input.phones[i]?.label ?? null,
        isPrimary: i === 0,
        createdAt: at(i),
      })),
    );
    // The first address is the default unless another one says it is.
    const defaultIndex = defaults[0] ?? 0;
    await repo.insertAddresses(
      ctx.db,
      input.addresses.map((a, i) => ({
        ...addressRow(a),
        isDefault: i === defaultIndex,
        tenantId,
        customerId: id,
        createdAt: at(i),
      })),
    );
    await recordAudit(ctx, {
      action: 'customer.created',
      entityType: ENTITY,
      entityId: id,
      changes: {
        kind: input.kind,
        name: input.name,
        companyName: input.companyName ?? null,
        email: input.email ?? null,
        tier: input.tier,
        phones: phones.map((p) => p.e164),
        addresses: input.addresses.length,
      },
    });
    return getCustomer(ctx, id);
  });
}

/** Changes the customer's own fields; phones and addresses have their own calls. */
export async function changeCustomer(ctx: ServiceContext, id: string, input: CustomerChange) {
  const { version, ...patch } = input;
  return inTransaction(ctx, async (ctx) => {
    const before = await requireCustomer(ctx, id);
    const phones = await repo.findPhones(ctx.db, ctx.principal.tenantId, id);
    const updated = await bumpCustomer(ctx, before, version, phones, patch);
    await recordAudit(ctx, {
      action: 'customer.changed',
      entityType: ENTITY,
      entityId: id,
      changes: diff({ ...before, consent: toConsent(before.consent) }, patch),
    });
    return loadCustomer(ctx, updated);
  });
}

/** Adds a phone (DUPLICATE when this customer already has it; another customer may share it). */
export async function addPhone(
  ctx: ServiceContext,
  id: string,
  input: { version: number; number: string; label?: string },
) {
  const [normalised] = normaliseAll([input.number], () => 'number');
  const phone = phoneRow(normalised!);
  return inTransaction(ctx, async (ctx) => {
    const tenantId = ctx.principal.tenantId;
    const row = await requireCustomer(ctx, id);
    const phones = await repo.findPhones(ctx.db, tenantId, id);
    const existing = phones.find((p) => p.e164 === phone.e164);
    if (existing) throw new AppError('DUPLICATE', { field: 'number', phoneId: existing.id });
    const updated = await bumpCustomer(ctx, row, input.version, [...phones, phone]);
    await repo.insertPhones(ctx.db, [
      {
        ...phone,
        tenantId,
        customerId: id,
        label: input.label ?? null,
        isPrimary: phones.length === 0,
        createdAt: ctx.now(),
      },
    ]);
    await recordAudit(ctx, {
      action: 'customer.phone_added',
      entityType: ENTITY,
      entityId: id,
      changes: { e164: phone.e164, label: input.label ?? null },
    });
    return loadCustomer(ctx, updated);
  });
}

/** Removes a phone; the oldest remaining one becomes primary if the primary went. The last one stays. */
export async function removePhone(ctx: ServiceContext, id: string, phoneId: string, version: number) {
  return inTransaction(ctx, async (ctx) => {
    const tenantId = ctx.principal.tenantId;
    const row = await requireCustomer(ctx, id);
    const phones = await repo.findPhones(ctx.db, tenantId, id);
    const target = phones.find((p) => p.id === phoneId);
    if (!target) throw new AppError('NOT_FOUND', { entity: 'customer_phone', id: phoneId });
    const remaining = phones.filter((p) => p.id !== phoneId);
    if (remaining.length === 0) throw new AppError('CUSTOMER_LAST_PHONE', { phoneId });
    const updated = await bumpCustomer(ctx, row, version, remaining);
    await repo.deletePhone(ctx.db, tenantId, id, phoneId);
    if (target.isPrimary && !remaining.some((p) => p.isPrimary))
      await repo.markPrimaryPhone(ctx.db, tenantId, id, remaining[0]!.id);
    await recordAudit(ctx, {
      action: 'customer.phone_removed',
      entityType: ENTITY,
      entityId: id,
      changes: { phoneId, e164: target.e164 },
    });
    return loadCustomer(ctx, updated);
  });
}

/**
 * Adds an address; a new default address takes over from the previous default, and a customer's only
 * address is its default.
 */
export async function addAddress(ctx: ServiceContext, id: string, input: AddressInput & { version: number }) {
  const { version, ...address } = input;
  return inTransaction(ctx, async (ctx) => {
    const tenantId = ctx.principal.tenantId;
    const row = await requireCustomer(ctx, id);
    const existing = await repo.findAddresses(ctx.db, tenantId, id);
    const isDefault = address.isDefault || !existing.some((a) => a.isDefault);
    const phones = await repo.findPhones(ctx.db, tenantId, id);
    const updated = await bumpCustomer(ctx, row, version, phones);
    if (isDefault) await repo.clearDefaultAddress(ctx.db, tenantId, id);
    await repo.insertAddresses(ctx.db, [
      { ...addressRow(address), isDefault, tenantId, customerId: id, createdAt: ctx.now() },
    ]);
    await recordAudit(ctx, {
      action: 'customer.address_added',
      entityType: ENTITY,
      entityId: id,
      changes: {
        cityCode: address.cityCode,
        city: address.city,
        detail: address.detail,
        isDefault,
      },
    });
    return loadCustomer(ctx, updated);
  });
}

export async function removeAddress(ctx: ServiceContext, id: string, addressId: string, version: number) {
  return inTransaction(ctx, async (ctx) => {
    const tenantId = ctx.principal.tenantId;
    const row = await requireCustomer(ctx, id);
    const addresses = await repo.findAddresses(ctx.db, tenantId, id);
    const target = addresses.find((a) => a.id === addressId);
    if (!target) throw new AppError('NOT_FOUND', { entity: 'customer_address', id: addressId });
    const phones = await repo.findPhones(ctx.db, tenantId, id);
    const updated = await bumpCustomer(ctx, row, version, phones);
    await repo.deleteAddress(ctx.db, tenantId, id, addressId);
    await recordAudit(ctx, {
      action: 'customer.address_removed',
      entityType: ENTITY,
      entityId: id,
      changes: { addressId, city: target.city, detail: target.detail },
    });
    return loadCustomer(ctx, updated);
  });
}

/** Records that the customer left us, and why (lost-business analysis). */
export async function churnCustomer(
  ctx: ServiceContext,
  id: string,
  input: { version: number; reason: string },
) {
  return inTransaction(ctx, async (ctx) => {
    const row = await requireCustomer(ctx, id);
    if (row.status === 'churned' && row.version === input.version)
      throw new AppError('CUSTOMER_STATUS_UNCHANGED', { status: row.status });
    const phones = await repo.findPhones(ctx.db, ctx.principal.tenantId, id);
    const updated = await bumpCustomer(ctx, row, input.version, phones, {
      status: 'churned',
      churnReason: input.reason,
      churnedAt: ctx.now(),
    });
    await recordAudit(ctx, {
      action: 'customer.churned',
      entityType: ENTITY,
      entityId: id,
      changes: { status: { from: row.status, to: 'churned' }, reason: input.reason },
    });
    return loadCustomer(ctx, updated);
  });
}

/** Wins a churned customer back: active again; the churn stays in the audit log. */
export async function reactivateCustomer(ctx: ServiceContext, id: string, input: { version: number }) {
  return inTransaction(ctx, async (ctx) => {
    const row = await requireCustomer(ctx, id);
    if (row.status === 'active' && row.version === input.version)
      throw new AppError('CUSTOMER_STATUS_UNCHANGED', { status: row.status });
    const phones = await repo.findPhones(ctx.db, ctx.principal.tenantId, id);
    const updated = await bumpCustomer(ctx, row, input.version, phones, {
      status: 'active',
      churnReason: null,
      churnedAt: null,
    });
    await recordAudit(ctx, {
      action: 'customer.reactivated',
      entityType: ENTITY,
      entityId: id,
      changes: {
        status: { from: row.status, to: 'active' },
        churnedAt: iso(row.churnedAt),
        churnReason: row.churnReason,
      },
    });
    return loadCustomer(ctx, updated);
  });
}
