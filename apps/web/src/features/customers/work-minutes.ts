import { useTranslation } from 'react-i18next';

/** Whole hours and the minutes left over: 90 → { hours: 1, minutes: 30 }. */
export function minuteParts(total: number): { hours: number; minutes: number } {
  const whole = Math.max(0, Math.round(total));
  return { hours: Math.floor(whole / 60), minutes: whole % 60 };
}

/** A commitment's working time in words: "24 小时", "1 h 30 min", "45 分钟". */
export function useWorkMinutes() {
  const { t } = useTranslation('customers');
  return (total: number): string => {
    const { hours, minutes } = minuteParts(total);
    if (hours === 0) return t('agreement.minutes', { minutes });
    if (minutes === 0) return t('agreement.hours', { hours });
    return t('agreement.hoursMinutes', { hours, minutes });
  };
}
