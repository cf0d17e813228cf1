import type { ExcludedCandidate, RankReason } from '@manyi/contracts';
import type { TFunction } from 'i18next';

type T = TFunction<'dispatch'>;

const label = (t: T, group: 'category' | 'jobType' | 'tier', value: unknown) =>
  typeof value === 'string' && value ? t(`${group}.${value}` as never, { defaultValue: value }) : '';

/** One sentence per scoring factor, e.g. "距离 3.2 公里" — the dispatcher sees why a technician ranks where. */
export function reasonText(r: RankReason, t: T): string {
  const v = r.values;
  switch (r.factor) {
    case 'distance':
      return v.km === null ? t('reason.distanceUnknown') : t('reason.distance', { km: v.km });
    case 'skill':
      return t('reason.skill', {
        category: label(t, 'category', v.category),
        jobType: label(t, 'jobType', v.jobType),
      });
    case 'certification':
      return t('reason.certification', { name: v.name ?? '', score: v.examScore });
    case 'load':
      return v.full
        ? t('reason.loadFull', { load: v.load, capacity: v.capacity })
        : t('reason.load', { load: v.load, capacity: v.capacity });
    case 'due':
      if (v.hoursLeft === null) return t('reason.dueNone');
      if (v.dueSoon && v.ownership === 'own') return t('reason.dueSoonOwn');
      return t('reason.due', { hours: v.hoursLeft });
    case 'tier':
      return r.points > 0 ? t('reason.tier') : t('reason.tierStandard', { tier: label(t, 'tier', v.tier) });
    case 'coverage':
      return v.covered ? t('reason.covered') : t('reason.notCovered');
    case 'calendar':
      return t('reason.offToday', {
        next: typeof v.nextWorkingAt === 'string' ? whenText(v.nextWorkingAt) : '',
      });
    default:
      return r.factor;
  }
}

/** An instant as the dispatcher reads it: "2026-11-25 08:30" in the browser's zone. */
function whenText(at: string): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Why a technician is not offered, e.g. "上岗证已于 2026-11-20 过期". */
export function exclusionText(w: ExcludedCandidate['why'][number], t: T): string {
  if (w.code === 'off_duty')
    return typeof w.values.nextWorkingAt === 'string'
      ? t('excluded.off_duty', { next: whenText(w.values.nextWorkingAt) })
      : t('excluded.off_duty_never');
  return t(`excluded.${w.code}` as never, w.values as Record<string, string>);
}
