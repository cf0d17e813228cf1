import { schema } from '@manyi/db';
import { seedWorld } from '@manyi/db/seed/world';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../test/harness';
import { seedSurveysDemo } from './seed-surveys';

let t: TestApp;
let acme: TenantFixture;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  await seedWorld(t.database.db, acme.tenantId, {
    customers: 60,
    tickets: 300,
    recentTickets: 5,
    agents: [{ id: acme.users.agent.id, teamId: acme.teamId }],
    technicians: [{ id: acme.users.technician.id, teamId: acme.servicePointId, name: '技师' }],
    seed: 7,
  });
});
afterAll(() => t.close());

describe('demo satisfaction data', () => {
  it('seeds plausible answers, calls and campaigns inside the demo transaction (also on PGlite)', async () => {
    const made = await t.database.db.transaction((tx) =>
      seedSurveysDemo(tx, t.database, acme.tenantId, acme.users.admin.id),
    );
    expect(made.responses).toBeGreaterThan(20);
    const rows = await t.database.db
      .select()
      .from(schema.surveyResponses)
      .where(eq(schema.surveyResponses.tenantId, acme.tenantId));
    const csat = rows.map((r) => r.csat).filter((x): x is number => x !== null);
    const mean = csat.reduce((a, b) => a + b, 0) / csat.length;
    // Mostly satisfied, with an unhappy tail.
    expect(mean).toBeGreaterThan(3.6);
    expect(mean).toBeLessThan(4.8);
    expect(rows.some((r) => r.dissatisfied)).toBe(true);
    expect(rows.some((r) => r.expSpeed !== null)).toBe(true);
    const calls = await t.database.db
      .select({ status: schema.followups.status })
      .from(schema.followups)
      .where(eq(schema.followups.tenantId, acme.tenantId));
    expect(new Set(calls.map((c) => c.status))).toContain('done');
    const campaigns = await t.database.db
      .select()
      .from(schema.campaigns)
      .where(eq(schema.campaigns.tenantId, acme.tenantId));
    expect(campaigns.map((c) => c.status).sort()).toEqual(['done', 'draft']);
  });
});
