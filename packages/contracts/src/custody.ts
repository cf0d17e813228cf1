import { z } from 'zod';
import { isoDateTime, text, uuid, version } from './common';

export const custodyKinds = ['unit', 'part', 'keys', 'document', 'other'] as const;
export type CustodyKind = (typeof custodyKinds)[number];
export const custodyStatuses = ['held', 'returned', 'lost'] as const;
export type CustodyStatus = (typeof custodyStatuses)[number];
export const notifyChannels = ['phone', 'in_person', 'letter', 'sms'] as const;
export type NotifyChannel = (typeof notifyChannels)[number];
export const incidentKinds = ['loss', 'damage'] as const;

/** A PNG or JPEG signature image as a data URL, at most ~200 KB. */
export const signatureImage = z
  .string()
  .max(280_000)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/, 'expected a PNG or JPEG data URL');

/** Who holds the item: a user of the tenant, or a named place/person (e.g. 维修车间库管). */
const holder = {
  holderUserId: uuid.nullable().default(null),
  holderName: text(60).optional(),
  location: text(120),
};

export const custodyItemBody = z.object({
  ticketId: uuid,
  kind: z.enum(custodyKinds),
  description: text(200),
  serialNumber: text(60).nullable().default(null),
  condition: text(1000),
  photoIds: z.array(uuid).max(12).default([]),
  ...holder,
  receivedAt: isoDateTime.optional(),
  dueBackAt: isoDateTime.nullable().default(null),
});
export const custodyMoveBody = z.object({ version, ...holder, note: text(500).optional() });
export const custodyReturnBody = z
  .object({
    version,
    returnedToName: text(60),
    /** The customer's signature image, or `confirmed` when they confirmed in person without signing. */
    signature: signatureImage.optional(),
    confirmed: z.boolean().default(false),
    note: text(500).optional(),
  })
  .refine((b) => b.signature || b.confirmed, {
    message: 'a signature or the customer’s confirmation is required',
    path: ['signature'],
  });
export const incidentBody = z.object({
  kind: z.enum(incidentKinds),
  description: text(1000),
  occurredAt: isoDateTime.optional(),
});
export const incidentNotificationBody = z.object({
  version,
  via: z.enum(notifyChannels),
  notifiedAt: isoDateTime,
  /** What the customer was told (and what they said). */
  what: text(1000),
});
export const incidentCloseBody = z.object({ version, resolution: text(1000) });

export const custodyEvent = z.object({
  id: z.string(),
  kind: z.enum(['received', 'moved', 'returned', 'incident_opened', 'customer_notified', 'incident_closed']),
  holderUserId: uuid.nullable(),
  holderName: z.string().nullable(),
  location: z.string().nullable(),
  note: z.string().nullable(),
  actorId: uuid.nullable(),
  actorName: z.string().nullable(),
  at: isoDateTime,
});

export const custodyIncident = z.object({
  id: uuid,
  itemId: uuid,
  kind: z.enum(incidentKinds),
  description: z.string(),
  occurredAt: isoDateTime,
  status: z.enum(['open', 'closed']),
  notifiedVia: z.enum(notifyChannels).nullable(),
  notifiedAt: isoDateTime.nullable(),
  notifiedById: uuid.nullable(),
  notifiedByName: z.string().nullable(),
  notifiedWhat: z.string().nullable(),
  resolution: z.string().nullable(),
  closedAt: isoDateTime.nullable(),
  version: z.int(),
  createdAt: isoDateTime,
});
export type CustodyIncident = z.infer<typeof custodyIncident>;

export const custodyItem = z.object({
  id: uuid,
  ticketId: uuid,
  ticketNumber: z.string(),
  customerId: uuid,
  customerName: z.string(),
  teamId: uuid.nullable(),
  teamName: z.string().nullable(),
  kind: z.enum(custodyKinds),
  description: z.string(),
  serialNumber: z.string().nullable(),
  condition: z.string(),
  photoIds: z.array(uuid),
  status: z.enum(custodyStatuses),
  holderUserId: uuid.nullable(),
  holderName: z.string(),
  location: z.string(),
  receivedAt: isoDateTime,
  dueBackAt: isoDateTime.nullable(),
  overdue: z.boolean(),
  returnedAt: isoDateTime.nullable(),
  returnedToName: z.string().nullable(),
  returnSignOff: z.enum(['signature', 'confirmed']).nullable(),
  openIncidents: z.int(),
  version: z.int(),
  createdAt: isoDateTime,
});
export type CustodyItem = z.infer<typeof custodyItem>;
export const custodyItemDetail = custodyItem.extend({
  returnSignature: z.string().nullable(),
  events: z.array(custodyEvent),
  incidents: z.array(custodyIncident),
});
export type CustodyItemDetail = z.infer<typeof custodyItemDetail>;

export const custodyListQuery = z.object({
  status: z.enum(custodyStatuses).optional(),
  teamId: uuid.optional(),
  ticketId: uuid.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  withIncidents: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const custodyReport = z.object({
  rows: z.array(
    z.object({
      teamId: uuid.nullable(),
      teamName: z.string().nullable(),
      held: z.int(),
      overdue: z.int(),
      returned: z.int(),
      lost: z.int(),
      openIncidents: z.int(),
      incidents: z.int(),
      /** Open incidents without a record that the customer was told. */
      untold: z.int(),
    }),
  ),
});
