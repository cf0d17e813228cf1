import type { Agreement, CommitmentMetric } from '@manyi/contracts';
import type { TFunction } from 'i18next';
import type { Notification } from './api';

type T = TFunction<'agreements'>;

/** "2 小时 5 分" / "2 h 5 min" for a (non-negative) number of minutes, rounded down to the minute. */
export function durationText(minutes: number, t: T): string {
  const whole = Math.floor(Math.abs(minutes));
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0) return t('duration.m', { m });
  if (m === 0) return t('duration.h', { h });
  return t('duration.hm', { h, m });
}

/** The coverage of an agreement in words: who, which products, and when. */
export function coverageText(
  a: Pick<Agreement, 'tiers' | 'categories' | 'customerId' | 'validFrom' | 'validTo'>,
  t: T,
  customerName?: string,
): string {
  const sep = t('common.listSeparator');
  const who = a.customerId
    ? t('coverage.customer', { name: customerName ?? t('coverage.namedCustomer') })
    : a.tiers.length > 0
      ? t('coverage.tiers', { tiers: a.tiers.map((tier) => t(`tier.${tier}`)).join(sep) })
      : t('coverage.allTiers');
  const what =
    a.categories.length > 0
      ? t('coverage.categories', { categories: a.categories.map((c) => t(`category.${c}`)).join(sep) })
      : t('coverage.allCategories');
  const when =
    a.validFrom && a.validTo
      ? t('coverage.between', { from: a.validFrom, to: a.validTo })
      : a.validFrom
        ? t('coverage.from', { from: a.validFrom })
        : a.validTo
          ? t('coverage.until', { to: a.validTo })
          : t('coverage.forever');
  return [who, what, when].join(t('common.clauseSeparator'));
}

/** "GD-102391" whether the API stored the number as 102391 or already as "GD-102391". */
export function ticketNumberText(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return `GD-${value}`;
  if (typeof value === 'string' && value.trim() !== '') return /^\d+$/.test(value) ? `GD-${value}` : value;
  return '';
}

const metrics: readonly CommitmentMetric[] = ['first_response', 'on_site', 'resolution'];

/** An escalation notification as a sentence: "工单 GD-100123 上门承诺即将到期". */
export function notificationText(n: Pick<Notification, 'kind' | 'data'>, t: T): string {
  const number = ticketNumberText(n.data.number);
  const metric = metrics.find((m) => m === n.data.metric);
  if (metric && (n.kind === 'commitment.at_risk' || n.kind === 'commitment.breached'))
    return t(n.kind === 'commitment.at_risk' ? 'bell.atRisk' : 'bell.breached', {
      number,
      metric: t(`bell.metric.${metric}`),
    });
  return t('bell.other', { number });
}
