import type { TimelineEntry } from '@manyi/contracts';
import type { TFunction } from 'i18next';
import { formatDateTime, formatMoney, safeTimeZone, type UiLanguage } from '../../shared/format';

/** Entries written by the system itself (jobs, automatic escalations) carry this author id. */
export const SYSTEM_AUTHOR_ID = '00000000-0000-0000-0000-000000000000';

/** Who wrote an entry: the user's name, "System" for the system (nil author), "Someone" for a gone user. */
export function authorLabel(
  entry: Pick<TimelineEntry, 'authorId' | 'authorName'>,
  t: TFunction<'tickets'>,
): string {
  if (!entry.authorId || entry.authorId === SYSTEM_AUTHOR_ID) return t('timeline.system');
  return entry.authorName ?? t('timeline.someone');
}

export interface SentenceContext {
  t: TFunction<'tickets'>;
  lang: UiLanguage;
  timeZone: string;
  /** Names of users and service points the entry refers to only by id. */
  userName?: (id: string) => string | undefined;
  teamName?: (id: string) => string | undefined;
}

export type EntryTone = 'blue' | 'green' | 'red' | 'gray' | 'gold' | 'orange';

/** One line that says what happened (built from `data`, in the reader's language) and its details. */
export interface EntrySentence {
  /** The entry's family, for the icon: dispatch, visit, quote_offered, quote, complaint. */
  family: 'dispatch' | 'visit' | 'quote_offered' | 'quote' | 'complaint';
  action: string;
  sentence: string;
  details: string[];
  tone: EntryTone;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

const dispatchActions = ['dispatched', 'offered', 'accepted', 'refused', 'expired', 'superseded'] as const;
const visitActions = [
  'planned',
  'revisit_planned',
  'rescheduled',
  'confirmed',
  'cancelled',
  'link_issued',
  'checked_in',
  'reported',
  'signed',
  'completed',
  'missed',
  'reschedule_requested',
] as const;
const quoteActions = ['sent', 'accepted', 'declined', 'payment_recorded'] as const;
const complaintEvents = [
  'step',
  'verdict',
  'remedy_granted',
  'remedy_requested',
  'remedy_approved',
  'remedy_rejected',
  'escalated',
] as const;
const complaintSteps = ['listen', 'calm', 'empathise', 'solve', 'agree', 'follow_up'] as const;
const verdicts = ['satisfied', 'partly', 'not_satisfied'] as const;
const visitResults = ['resolved', 'needs_revisit', 'not_resolved'] as const;
const paymentMethods = ['cash', 'wechat', 'alipay', 'card', 'transfer'] as const;
const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (values as readonly string[]).includes(v);

/**
 * The sentence for the entry kinds other modules write (dispatch, visit, quote_offered, quote, complaint
 * notes); null for the kinds the timeline draws itself. Unknown actions still get a generic line.
 */
export function describeEntry(entry: TimelineEntry, c: SentenceContext): EntrySentence | null {
  // Keys are built from the data's action, so they are looked up untyped; the unit test walks every one.
  const t = c.t as unknown as (key: string, vars?: Record<string, unknown>) => string;
  const d = entry.data;
  const author = authorLabel(entry, c.t);
  const when = (v: unknown) => {
    const s = str(v);
    return s ? formatDateTime(s, c.lang, c.timeZone) : null;
  };
  const money = (fen: unknown, currency: unknown = 'CNY') => {
    const n = num(fen);
    return n === null ? null : formatMoney(n, str(currency) ?? 'CNY', c.lang);
  };
  const window = (start: unknown, end: unknown) => {
    const s = when(start);
    const e = str(end);
    const endTime = e
      ? new Intl.DateTimeFormat(c.lang, { timeZone: safeTimeZone(c.timeZone), timeStyle: 'short' }).format(
          new Date(e),
        )
      : null;
    return s ? (endTime ? `${s}–${endTime}` : s) : null;
  };

  const user = (id: unknown) => {
    const s = str(id);
    return s ? (c.userName?.(s) ?? null) : null;
  };
  const team = (name: unknown, id: unknown) =>
    str(name) ?? (str(id) ? c.teamName?.(str(id)!) : null) ?? t('timeline.x.unknownPoint');
  const details: string[] = [];
  const push = (line: string | null | undefined | false) => {
    if (line) details.push(line);
  };
  const action = str(d['action']) ?? '';

  switch (entry.kind) {
    case 'dispatch': {
      const sp = team(d['servicePointName'], d['servicePointId']);
      const tech = str(d['technicianName']) ?? user(d['technicianId']);
      if (!oneOf(dispatchActions, action))
        return {
          family: 'dispatch',
          action,
          sentence: t('timeline.x.dispatch.other', { author }),
          details,
          tone: 'gray',
        };
      let key: string = action;
      let tone: EntryTone = 'blue';
      if (action === 'dispatched') {
        const offered = d['status'] === 'offered';
        key = offered ? 'offered' : 'dispatched';
        if (d['mode'] === 'auto') push(t('timeline.x.dispatch.auto'));
        if (d['redispatch'] === true) push(t('timeline.x.dispatch.redispatch'));
        const rank = num(d['rank']);
        if (rank !== null) push(t('timeline.x.dispatch.rank', { rank }));
        push(when(d['respondBy']) && t('timeline.x.dispatch.respondBy', { time: when(d['respondBy']) }));
        push(entry.body && t('timeline.x.dispatch.overrideReason', { reason: entry.body }));
      } else if (action === 'refused') {
        tone = 'red';
        push(entry.body && t('timeline.x.reason', { reason: entry.body }));
      } else if (action === 'expired') tone = 'orange';
      else if (action === 'superseded') tone = 'gray';
      else if (action === 'accepted') tone = 'green';
      return {
        family: 'dispatch',
        action,
        sentence: t(`timeline.x.dispatch.${key}`, {
          author,
          servicePoint: sp,
          technician: tech ?? t('timeline.x.unknownTechnician'),
        }),
        details,
        tone,
      };
    }
    case 'visit': {
      const tech = user(d['technicianId']);
      if (!oneOf(visitActions, action))
        return {
          family: 'visit',
          action,
          sentence: t('timeline.x.visit.other', { author }),
          details,
          tone: 'gray',
        };
      let tone: EntryTone = 'blue';
      let windowText = window(d['windowStart'], d['windowEnd']);
      if (action === 'rescheduled') {
        const from = obj(d['from']);
        const to = obj(d['to']);
        windowText = window(to['windowStart'], to['windowEnd']);
        const was = window(from['windowStart'], from['windowEnd']);
        push(was && t('timeline.x.visit.was', { window: was }));
      }
      if (tech && action !== 'checked_in') push(t('timeline.x.visit.technician', { name: tech }));
      const by = d['by'] === 'customer';
      let key: string = action;
      switch (action) {
        case 'confirmed':
          key = by ? 'confirmedByCustomer' : 'confirmed';
          tone = 'green';
          break;
        case 'cancelled':
        case 'missed':
          tone = 'red';
          push(str(d['reason']) && t('timeline.x.reason', { reason: str(d['reason']) }));
          break;
        case 'reschedule_requested':
          tone = 'orange';
          push(str(d['note']) && t('timeline.x.note', { note: str(d['note']) }));
          break;
        case 'link_issued':
          tone = 'gray';
          push(when(d['expiresAt']) && t('timeline.x.visit.linkExpires', { time: when(d['expiresAt']) }));
          break;
        case 'checked_in':
          tone = 'green';
          if (num(d['lat']) !== null && num(d['lng']) !== null)
            push(
              t('timeline.x.visit.position', {
                lat: num(d['lat'])!.toFixed(5),
                lon: num(d['lng'])!.toFixed(5), // not `lng`: i18next reads that as the language
              }) + (num(d['accuracyM']) !== null ? ` ±${Math.round(num(d['accuracyM'])!)}m` : ''),
            );
          else push(t('timeline.x.visit.noPosition', { note: str(d['note']) ?? '—' }));
          break;
        case 'reported':
        case 'completed':
          tone = d['result'] === 'resolved' ? 'green' : action === 'completed' ? 'orange' : 'blue';
          push(oneOf(visitResults, d['result']) && t(`timeline.x.visit.result.${d['result'] as string}`));
          break;
        case 'signed':
          tone = 'green';
          break;
        default:
          break;
      }
      return {
        family: 'visit',
        action,
        sentence: t(`timeline.x.visit.${key}`, {
          author,
          window: windowText ?? '—',
          name: str(d['signedByName']) ?? '',
          preferred: str(d['preferredTime']) ?? '—',
        }),
        details,
        tone,
      };
    }
    case 'quote_offered': {
      push(money(d['priceFen']) && t('timeline.x.price', { price: money(d['priceFen']) }));
      push(
        str(d['agreementCode']) && t('timeline.x.quoteOffered.agreement', { code: str(d['agreementCode']) }),
      );
      return {
        family: 'quote_offered',
        action: 'offered',
        sentence: t('timeline.x.quoteOffered.sentence', {
          author,
          name: str(d['name']) ?? '—',
          code: str(d['code']) ?? '—',
        }),
        details,
        tone: 'gold',
      };
    }
    case 'quote': {
      if (!oneOf(quoteActions, action))
        return {
          family: 'quote',
          action,
          sentence: t('timeline.x.quote.other', { author }),
          details,
          tone: 'gray',
        };
      const total = money(d['totalFen'], d['currency']) ?? '—';
      const customer = str(d['customerName']) ?? t('timeline.x.customer');
      let key: string = action;
      let tone: EntryTone = 'gold';
      if (action === 'sent')
        push(when(d['validUntil']) && t('timeline.x.quote.validUntil', { time: when(d['validUntil']) }));
      if (action === 'accepted' || action === 'declined') {
        key = `${action}${d['via'] === 'link' ? 'ByLink' : 'OnSite'}`;
        tone = action === 'accepted' ? 'green' : 'red';
        push(action === 'declined' && entry.body && t('timeline.x.reason', { reason: entry.body }));
      }
      if (action === 'payment_recorded') {
        tone = 'green';
        push(oneOf(paymentMethods, d['method']) && t(`timeline.x.quote.method.${d['method'] as string}`));
      }
      return {
        family: 'quote',
        action,
        sentence: t(`timeline.x.quote.${key}`, {
          author,
          customer,
          total,
          amount: money(d['amountFen'], d['currency']) ?? '—',
        }),
        details,
        tone,
      };
    }
    case 'note': {
      if (d['complaint'] !== true) return null;
      const event = str(d['event']) ?? '';
      if (!oneOf(complaintEvents, event))
        return {
          family: 'complaint',
          action: event,
          sentence: t('timeline.x.complaint.other', { author }),
          details,
          tone: 'red',
        };
      let tone: EntryTone = 'red';
      const vars: Record<string, unknown> = { author };
      if (event === 'step' && oneOf(complaintSteps, d['step'])) {
        vars['n'] = complaintSteps.indexOf(d['step']) + 1;
        vars['step'] = t(`timeline.x.complaint.steps.${d['step']}`);
        tone = 'orange';
      }
      if (event === 'verdict' && oneOf(verdicts, d['verdict'])) {
        vars['verdict'] = t(`timeline.x.complaint.verdicts.${d['verdict']}`);
        tone = d['verdict'] === 'satisfied' ? 'green' : 'orange';
      }
      if (event.startsWith('remedy_')) {
        push(num(d['amountFen']) ? t('timeline.x.price', { price: money(d['amountFen']) }) : null);
        tone = event === 'remedy_rejected' ? 'red' : event === 'remedy_requested' ? 'orange' : 'green';
      }
      let key: string = event;
      if (event === 'escalated') {
        key = d['reason'] ? 'escalatedAuto' : 'escalated';
        vars['from'] = num(d['from']) ?? '—';
        vars['to'] = num(d['to']) ?? '—';
        push(
          num(d['notified']) !== null && t('timeline.x.complaint.notified', { count: num(d['notified'])! }),
        );
      }
      return {
        family: 'complaint',
        action: event,
        sentence: t(`timeline.x.complaint.${key}`, vars),
        details,
        tone,
      };
    }
    default:
      return null;
  }
}
