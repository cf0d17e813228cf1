import {
  type TicketChannel,
  type TicketPriority,
  type TicketStatus,
  type TicketType,
  ticketChannels,
  ticketPriorities,
  ticketSorts,
  ticketStatuses,
  ticketTypes,
  ticketViews,
} from '@manyi/contracts';

export type TicketView = (typeof ticketViews)[number];
export type TicketSort = (typeof ticketSorts)[number];

/** What a queue shows: a view narrowed by filters, a search and a sort. Lives in the URL so it can be shared. */
export interface QueueParams {
  view: TicketView;
  status: TicketStatus[];
  type: TicketType[];
  priority: TicketPriority[];
  channel: TicketChannel[];
  tag?: string;
  assigneeId?: string;
  q?: string;
  sort: TicketSort;
}

export const defaultView: TicketView = 'mine';
export const defaultSort: TicketSort = 'updated_desc';

export const emptyQueueParams: QueueParams = {
  view: defaultView,
  status: [],
  type: [],
  priority: [],
  channel: [],
  sort: defaultSort,
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const multiKeys = ['status', 'type', 'priority', 'channel'] as const;
const allowed = {
  status: ticketStatuses,
  type: ticketTypes,
  priority: ticketPriorities,
  channel: ticketChannels,
} as const;

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** Values from a URL (comma-separated or repeated) or a saved view (array or string), deduplicated, unknown ones dropped. */
function pick<T extends string>(values: readonly T[], raw: unknown): T[] {
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const out: T[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    for (const part of item.split(',')) {
      const value = part.trim();
      if (oneOf(values, value) && !out.includes(value)) out.push(value);
    }
  }
  return out;
}

function cleanText(raw: unknown, max: number): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim().slice(0, max);
  return value === '' ? undefined : value;
}

/** The view a role lands on: a service point's manager works their point's queue, a dispatcher the unassigned. */
export function homeView(role: string, hasTeam: boolean): TicketView {
  if (role === 'partner_manager' && hasTeam) return 'team';
  if (role === 'dispatcher') return 'unassigned';
  return defaultView;
}

/** Reads queue parameters from an object (a saved view's query, or the URL as an object); bad values fall back. */
export function queueParamsFromObject(
  source: Record<string, unknown>,
  fallbackView: TicketView = defaultView,
): QueueParams {
  const assignee = cleanText(source['assigneeId'], 36);
  return {
    view: oneOf(ticketViews, source['view']) ? source['view'] : fallbackView,
    status: pick(allowed.status, source['status']),
    type: pick(allowed.type, source['type']),
    priority: pick(allowed.priority, source['priority']),
    channel: pick(allowed.channel, source['channel']),
    tag: cleanText(source['tag'], 30),
    assigneeId: assignee && uuidPattern.test(assignee) ? assignee : undefined,
    q: cleanText(source['q'], 100),
    sort: oneOf(ticketSorts, source['sort']) ? source['sort'] : defaultSort,
  };
}

/** Reads queue parameters from the page's query string; without a view, the role's home view. */
export function parseQueueParams(
  search: URLSearchParams,
  fallbackView: TicketView = defaultView,
): QueueParams {
  const source: Record<string, unknown> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    source[key] = values.length > 1 ? values : values[0];
  }
  return queueParamsFromObject(source, fallbackView);
}

/** The plain object form (the view always, then only what differs from the defaults): a saved view's `query`. */
export function queueParamsToObject(params: QueueParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = { view: params.view };
  for (const key of multiKeys) if (params[key].length > 0) out[key] = [...params[key]];
  if (params.tag) out['tag'] = params.tag;
  if (params.assigneeId) out['assigneeId'] = params.assigneeId;
  if (params.q) out['q'] = params.q;
  if (params.sort !== defaultSort) out['sort'] = params.sort;
  return out;
}

/**
 * The query string for /tickets, lists comma-separated so a shared link stays short and readable. The view is
 * left out when it is the viewer's home view, so the plain /tickets link stays plain.
 */
export function queueSearchString(params: QueueParams, fallbackView: TicketView = defaultView): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(queueParamsToObject(params))) {
    if (key === 'view' && value === fallbackView) continue;
    search.set(key, Array.isArray(value) ? value.join(',') : value);
  }
  return search.toString();
}

/** The query for GET /api/v1/tickets (arrays go out as repeated keys). */
export function queueApiQuery(params: QueueParams): Record<string, string | readonly string[] | undefined> {
  return {
    view: params.view,
    status: params.status.length ? params.status : undefined,
    type: params.type.length ? params.type : undefined,
    priority: params.priority.length ? params.priority : undefined,
    channel: params.channel.length ? params.channel : undefined,
    tag: params.tag,
    assigneeId: params.assigneeId,
    q: params.q,
    sort: params.sort,
  };
}

/** True when anything beyond the view and sort narrows the queue (so an empty result may be the filters' doing). */
export function hasFilters(params: QueueParams): boolean {
  return (
    multiKeys.some((key) => params[key].length > 0) ||
    Boolean(params.tag) ||
    Boolean(params.assigneeId) ||
    Boolean(params.q)
  );
}

/** The same view and sort with every filter and the search cleared. */
export function clearFilters(params: QueueParams): QueueParams {
  return { ...emptyQueueParams, view: params.view, sort: params.sort };
}

/** True when two parameter sets show the same queue (order of list values ignored). */
export function sameQueue(a: QueueParams, b: QueueParams): boolean {
  const norm = (p: QueueParams) => {
    // Saved views store the view; the URL may leave it out. Compare complete objects.
    const o = queueParamsToObject(p);
    for (const key of multiKeys) {
      const v = o[key];
      if (Array.isArray(v)) o[key] = [...v].sort();
    }
    return JSON.stringify(Object.entries(o).sort(([x], [y]) => x.localeCompare(y)));
  };
  return norm(a) === norm(b);
}
