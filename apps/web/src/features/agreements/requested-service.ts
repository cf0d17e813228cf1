import type { Agreement } from '@manyi/contracts';

/** What the agent picked at intake: included, for a fee (a quote is offered), or null — not offered (refused). */
export interface RequestedService {
  code: string;
  disposition: 'included' | 'fee' | null;
}

export interface ServiceChoice extends RequestedService {
  name: string;
  priceFen: number | null;
}

/**
 * The services an agent can pick from an agreement, each once: included first, then those for a fee (a code
 * both excluded and sold for a fee is sold: "not included, but we can arrange it"), then the excluded ones.
 */
export function serviceChoices(a: Pick<Agreement, 'included' | 'paid' | 'excluded'>): ServiceChoice[] {
  const seen = new Set<string>();
  const out: ServiceChoice[] = [];
  const add = (
    s: { code: string; name: string; priceFen?: number },
    disposition: ServiceChoice['disposition'],
  ) => {
    if (seen.has(s.code)) return;
    seen.add(s.code);
    out.push({ code: s.code, name: s.name, disposition, priceFen: s.priceFen ?? null });
  };
  for (const s of a.included) add(s, 'included');
  for (const s of a.paid) add(s, 'fee');
  for (const s of a.excluded) add(s, null);
  return out;
}

/** The `service` of the create body, when the pick may be sent (a refused one never is). */
export function serviceForBody(v: RequestedService | undefined) {
  return v?.disposition ? { service: { code: v.code, disposition: v.disposition } } : {};
}
