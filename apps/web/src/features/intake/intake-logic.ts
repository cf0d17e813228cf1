import type { Customer, CustomerSummary, CustomerTier, TicketPriority, TicketType } from '@manyi/contracts';

/** The fewest digits worth a lookup: fewer match too many numbers to help. */
export const minLookupDigits = 4;
/** How much of the description stands in for the call summary when the agent writes none. */
export const summaryFallbackLength = 200;
const maxCallSeconds = 86_400;

export function digitCount(raw: string): number {
  return raw.replace(/\D/g, '').length;
}

/** What to send to the phone lookup for what is typed so far, or null while it is too short. */
export function lookupTerm(raw: string): string | null {
  const trimmed = raw.trim();
  return digitCount(trimmed) >= minLookupDigits ? trimmed.slice(0, 40) : null;
}

/** The number keys 1–7 pick a work-order type, in the order the contract lists them. */
export function typeForKey(key: string, types: readonly TicketType[]): TicketType | null {
  if (!/^[1-9]$/.test(key)) return null;
  return types[Number(key) - 1] ?? null;
}

/** The call's summary: the agent's own, else the start of what the customer said (whole characters). */
export function callSummary(summary: string | undefined, description: string): string {
  const own = summary?.trim();
  if (own) return own;
  return Array.from(description.trim()).slice(0, summaryFallbackLength).join('');
}

/** Whole seconds from the first keystroke to now, within what the API accepts. */
export function callDurationSec(startedAt: number, now: number): number {
  return Math.min(maxCallSeconds, Math.max(0, Math.round((now - startedAt) / 1000)));
}

/** A running call clock: "0:07", "12:34", "1:02:03". */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Moves a highlight through a list with the arrow keys, wrapping at both ends. */
export function stepIndex(current: number, delta: 1 | -1, length: number): number {
  if (length <= 0) return 0;
  return (((current + delta) % length) + length) % length;
}

/** Express lane for the most valuable customers: a VIP's work order starts at high priority. */
export function defaultPriority(tier: CustomerTier): TicketPriority {
  return tier === 'vip' ? 'high' : 'normal';
}

export type Caller = CustomerSummary & { matchedPhone?: string };

/** The summary the intake screen works with, from a full customer record (a new one, or ?customerId=). */
export function callerFrom(customer: Customer, matchedPhone?: string): Caller {
  const primary = customer.phones.find((p) => p.isPrimary) ?? customer.phones[0];
  const address = customer.addresses.find((a) => a.isDefault) ?? customer.addresses[0];
  return {
    id: customer.id,
    kind: customer.kind,
    name: customer.name,
    tier: customer.tier,
    status: customer.status,
    primaryPhone: primary?.display ?? null,
    city: address?.city ?? null,
    ...(matchedPhone ? { matchedPhone } : {}),
  };
}
