import { type Database, type Executor, schema } from '@manyi/db';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { localDateIn } from '../lib/local-date';
import * as visits from '../modules/visits/visits.service';
import { demoContext } from './demo-context';

const TIME_ZONE = 'Asia/Shanghai';
/** Today's appointment windows, local time. */
const windows: [string, string][] = [
  ['09:00', '11:00'],
  ['11:00', '12:30'],
  ['14:00', '16:00'],
  ['16:00', '18:00'],
];

function at(day: string, hhmm: string) {
  const { from } = visits.dayBounds(TIME_ZONE, day);
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(from.getTime() + (h * 60 + m) * 60_000).toISOString();
}

/**
 * Today's visits for the demo: the first technicians (the demo technician first) get two to four open field
 * work orders each, planned through the visits service (assigned, on the timeline); most are confirmed, the
 * demo technician's first one is already checked in, and one customer asked for another time by link.
 */
export async function seedVisitsDemo(db: Executor, database: Database, tenantId: string, adminId: string) {
  const ctx = demoContext(db, database, { tenantId, userId: adminId, role: 'admin' });
  const techs = await db
    .select({ id: schema.users.id, teamId: schema.users.teamId, email: schema.users.email })
    .from(schema.users)
    .where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.role, 'technician')))
    .orderBy(asc(schema.users.createdAt))
    .limit(40);
  // The memorable demo login first.
  techs.sort((a, b) => Number(b.email.startsWith('technician@')) - Number(a.email.startsWith('technician@')));
  const candidates = await db
    .select({ id: schema.tickets.id, teamId: schema.tickets.teamId })
    .from(schema.tickets)
    .where(
      and(
        eq(schema.tickets.tenantId, tenantId),
        inArray(schema.tickets.type, ['repair', 'installation', 'maintenance']),
        inArray(schema.tickets.status, ['new', 'open']),
      ),
    )
    .orderBy(asc(schema.tickets.createdAt))
    .limit(400);
  const used = new Set<string>();
  const day = localDateIn(TIME_ZONE, new Date());
  let planned = 0;
  for (const [i, tech] of techs.slice(0, 12).entries()) {
    const count = i === 0 ? 4 : 2 + (i % 3);
    // Work of the technician's own service point first, else any open field job.
    const mine = candidates.filter((c) => !used.has(c.id) && c.teamId === tech.teamId);
    const pool = [...mine, ...candidates.filter((c) => !used.has(c.id) && c.teamId !== tech.teamId)];
    for (const [j, ticket] of pool.slice(0, count).entries()) {
      used.add(ticket.id);
      const [start, end] = windows[j % windows.length]!;
      const v = await visits.planVisit(ctx, ticket.id, {
        technicianId: tech.id,
        windowStart: at(day, start),
        windowEnd: at(day, end),
        offeredWindows: [{ start: at(day, '18:00'), end: at(day, '20:00') }],
        confirmed: !(i === 1 && j === 1),
      });
      planned++;
      if (i === 0 && j === 0)
        await visits.checkIn(ctx, v.id, { version: v.version, lat: 22.5405, lng: 113.9346, accuracyM: 15 });
    }
  }
  return planned;
}
