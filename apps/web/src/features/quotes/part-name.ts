import { useTranslation } from 'react-i18next';
import { zhCN } from './locales';

type KnownPart = keyof typeof zhCN.partClass;
const isKnown = (p: string): p is KnownPart => p in zhCN.partClass;

/** A warranty part class in words ("compressor" → 压缩机); null = the whole unit; unknown classes show their code. */
export function usePartName() {
  const { t } = useTranslation('quotes');
  return (part: string | null | undefined): string => {
    if (!part) return '';
    return isKnown(part) ? t(`partClass.${part}`) : part;
  };
}
