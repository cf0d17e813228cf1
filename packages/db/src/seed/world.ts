/**
 * Fills a tenant with a world of customers, products and work orders from the factories: used by the demo
 * start (a few thousand records with full timelines) and by the scale seed (millions, bare timelines).
 */
import type { Executor } from '../client';
import type { ApplianceCategory } from './data/products';
import { createRandom } from './data/random';
import { insertCustomers, makeCustomer } from './factories/customers';
import {
  insertProductModels,
  insertUnits,
  insertWarrantyPolicies,
  makeCatalog,
  makeUnit,
} from './factories/products';
import { insertTickets, makeTicket, type TicketSeed, type TicketWorld } from './factories/tickets';

export interface WorldOptions {
  customers: number;
  tickets: number;
  /** Staff who take calls and technicians who go on site (user ids with their team). */
  agents: TicketWorld['agents'];
  technicians: TicketWorld['technicians'];
  seed?: number;
  /** Extra work orders opened in the last two days (a live-looking desk for the demo). */
  recentTickets?: number;
  /** Only a `created` event per work order (scale seeding). */
  bare?: boolean;
  now?: Date;
  onProgress?: (stage: 'customers' | 'tickets', done: number, total: number) => void;
}

const CHUNK = 5_000;

export async function seedWorld(db: Executor, tenantId: string, options: WorldOptions) {
  const rng = createRandom(options.seed ?? 20261123);
  const now = options.now ?? new Date();
  const catalog = makeCatalog();
  await insertWarrantyPolicies(db, tenantId, catalog.policies);
  await insertProductModels(
    db,
    tenantId,
    catalog.models.map((m) => m.model),
  );
  const weighted = catalog.models.map((m) => [m, m.weight] as const);

  // Customers and their units in chunks, keeping only what work orders need (ids, categories, model names).
  const world: { id: string; units: { id: string; category: ApplianceCategory; modelName: string }[] }[] = [];
  let unitSeq = 0;
  for (let done = 0; done < options.customers; done += CHUNK) {
    const n = Math.min(CHUNK, options.customers - done);
    // One generator per chunk, advanced by each customer (a fork per customer would repeat the same one).
    const ccrng = rng.fork(`c${done}`);
    const customers = Array.from({ length: n }, () => makeCustomer(ccrng));
    const crng = rng.fork(`u${done}`);
    const units = customers.flatMap((c) => {
      const count = crng.weighted([
        [1, 60],
        [2, 28],
        [3, 10],
        [0, 2],
      ] as const);
      return Array.from({ length: count }, () => {
        const m = crng.weighted(weighted);
        return {
          customerId: c.customer.id,
          model: m.model,
          unit: makeUnit(crng, {
            customerId: c.customer.id,
            modelId: m.model.id,
            category: m.model.category,
            needsInstallation: m.needsInstallation,
            sequence: ++unitSeq,
            addressId: c.addresses[0]?.id ?? null,
            now,
          }),
        };
      });
    });
    await insertCustomers(db, tenantId, customers);
    await insertUnits(
      db,
      tenantId,
      units.map((u) => u.unit),
    );
    const byCustomer = new Map<string, (typeof world)[number]>();
    for (const c of customers) {
      const entry = { id: c.customer.id, units: [] as (typeof world)[number]['units'] };
      byCustomer.set(c.customer.id, entry);
      world.push(entry);
    }
    for (const u of units)
      byCustomer.get(u.customerId)!.units.push({
        id: u.unit.id,
        // The catalogue holds appliances only.
        category: u.model.category as ApplianceCategory,
        modelName: u.model.name,
      });
    options.onProgress?.('customers', done + n, options.customers);
  }

  const ticketWorld: TicketWorld = {
    customers: world,
    agents: options.agents,
    technicians: options.technicians,
  };
  for (let done = 0; done < options.tickets; done += CHUNK) {
    const n = Math.min(CHUNK, options.tickets - done);
    const trng = rng.fork(`t${done}`);
    const seeds: TicketSeed[] = Array.from({ length: n }, () =>
      makeTicket(trng, ticketWorld, { now, bare: options.bare }),
    );
    await insertTickets(db, tenantId, seeds);
    options.onProgress?.('tickets', done + n, options.tickets);
  }
  if (options.recentTickets) {
    const rrng = rng.fork('recent');
    const seeds = Array.from({ length: options.recentTickets }, () =>
      makeTicket(rrng, ticketWorld, {
        now,
        createdAt: new Date(now.getTime() - rrng.float(0.2, 48) * 3_600_000),
      }),
    );
    await insertTickets(db, tenantId, seeds);
  }
  return { customers: world.length, units: unitSeq };
}
