import { useTranslation } from 'react-i18next';
import { zhCN } from '../locales';

type KnownPart = Exclude<keyof typeof zhCN.partClass, 'wholeUnit'>;
const isKnownPart = (part: string): part is KnownPart => part !== 'wholeUnit' && part in zhCN.partClass;

/** A part class ("compressor") in words; null means the whole unit; an unknown class shows as its code. */
export function usePartLabel() {
  const { t } = useTranslation('customers');
  return (part: string | null | undefined): string => {
    if (!part) return t('partClass.wholeUnit');
    return isKnownPart(part) ? t(`partClass.${part}`) : part;
  };
}
