import type { ComplaintSettings } from '@manyi/contracts';

/** A cause's label in the UI language (the code itself when the tenant's list no longer has it). */
export function causeLabel(settings: ComplaintSettings | undefined, code: string, lang: string) {
  const c = settings?.causes.find((x) => x.code === code);
  if (!c) return code;
  return lang.startsWith('zh') ? c.zh : c.en;
}

export const severityColor = { minor: 'default', serious: 'orange', major: 'red' } as const;
export const levelColor = { 1: 'default', 2: 'gold', 3: 'volcano' } as Record<number, string>;
