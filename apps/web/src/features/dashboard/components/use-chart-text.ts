import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { type ChartText, formatDay } from '../charts';

/** The charts' words in the current UI language; a new object only when the language changes. */
export function useChartText(): ChartText {
  const { t, i18n } = useTranslation('dashboard');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the language is what invalidates the texts.
  return useMemo(() => {
    const lang = currentLanguage();
    return {
      type: (type) => t(`types.${type}`),
      status: (status) => t(`statuses.${status}`),
      channel: (channel) => t(`channels.${channel}`),
      age: (bucket) => t(`age.${bucket}`),
      urgent: t('charts.urgent'),
      otherOpen: t('charts.otherOpen'),
      tickets: t('charts.tickets'),
      day: (day) => formatDay(day, lang),
    };
  }, [t, i18n.language]);
}
