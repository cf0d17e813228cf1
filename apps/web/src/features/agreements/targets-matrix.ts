import {
  type CommitmentMetric,
  commitmentMetrics,
  type TicketPriority,
  type TicketType,
  ticketPriorities,
  ticketTypes,
} from '@manyi/contracts';
import { minutesToHm, parseHm } from './duration';

/** One cell of the targets matrix: a row (work-order type × priority) and a column (metric). */
export type CellKey = `${TicketType}|${TicketPriority}|${CommitmentMetric}`;
/** What the editor holds for a cell: the texts typed ("4:00"), blank for "no target". */
export interface CellText {
  promise: string;
  internal: string;
}
export type TargetsMatrix = Partial<Record<CellKey, CellText>>;

export interface Target {
  ticketType: TicketType;
  priority: TicketPriority;
  metric: CommitmentMetric;
  promiseMinutes: number;
  internalMinutes: number;
}

/** Why a cell cannot be saved: an unreadable duration, one half missing, or an internal target looser than the promise. */
export type CellProblem = 'format' | 'required' | 'looser';
export interface CellProblems {
  promise?: CellProblem;
  internal?: CellProblem;
}

export const cellKey = (type: TicketType, priority: TicketPriority, metric: CommitmentMetric): CellKey =>
  `${type}|${priority}|${metric}`;

export function parseCellKey(key: CellKey): {
  ticketType: TicketType;
  priority: TicketPriority;
  metric: CommitmentMetric;
} {
  const [ticketType, priority, metric] = key.split('|') as [TicketType, TicketPriority, CommitmentMetric];
  return { ticketType, priority, metric };
}

/** Every cell in display order: types, then priorities from urgent down, then metrics. */
export const allCellKeys: readonly CellKey[] = ticketTypes.flatMap((type) =>
  [...ticketPriorities]
    .reverse()
    .flatMap((priority) => commitmentMetrics.map((m) => cellKey(type, priority, m))),
);

export function targetsToMatrix(targets: readonly Target[]): TargetsMatrix {
  const matrix: TargetsMatrix = {};
  for (const t of targets)
    matrix[cellKey(t.ticketType, t.priority, t.metric)] = {
      promise: minutesToHm(t.promiseMinutes),
      internal: minutesToHm(t.internalMinutes),
    };
  return matrix;
}

export function cellProblems(cell: CellText | undefined): CellProblems {
  if (!cell) return {};
  const promise = parseHm(cell.promise);
  const internal = parseHm(cell.internal);
  const problems: CellProblems = {};
  if (!promise.ok) problems.promise = 'format';
  if (!internal.ok) problems.internal = 'format';
  if (promise.ok && internal.ok) {
    if (promise.minutes === null && internal.minutes !== null) problems.promise = 'required';
    else if (promise.minutes !== null && internal.minutes === null) problems.internal = 'required';
    else if (promise.minutes !== null && internal.minutes !== null && internal.minutes > promise.minutes)
      problems.internal = 'looser';
  }
  return problems;
}

export function hasProblems(p: CellProblems): boolean {
  return p.promise !== undefined || p.internal !== undefined;
}

/** Problems of every cell that has any. */
export function matrixProblems(matrix: TargetsMatrix): Partial<Record<CellKey, CellProblems>> {
  const out: Partial<Record<CellKey, CellProblems>> = {};
  for (const key of Object.keys(matrix) as CellKey[]) {
    const p = cellProblems(matrix[key]);
    if (hasProblems(p)) out[key] = p;
  }
  return out;
}

/**
 * The targets to send, in display order, with the cell each came from (to place the server's
 * "targets.3.internalMinutes" back on its cell). Cells with problems or left blank are skipped.
 */
export function matrixToTargets(matrix: TargetsMatrix): { targets: Target[]; keys: CellKey[] } {
  const targets: Target[] = [];
  const keys: CellKey[] = [];
  for (const key of allCellKeys) {
    const cell = matrix[key];
    if (!cell || hasProblems(cellProblems(cell))) continue;
    const promise = parseHm(cell.promise);
    const internal = parseHm(cell.internal);
    if (!promise.ok || !internal.ok || promise.minutes === null || internal.minutes === null) continue;
    targets.push({
      ...parseCellKey(key),
      promiseMinutes: promise.minutes,
      internalMinutes: internal.minutes,
    });
    keys.push(key);
  }
  return { targets, keys };
}

/** How many targets a work-order type has (for the tab labels). */
export function countForType(matrix: TargetsMatrix, type: TicketType): number {
  return (Object.keys(matrix) as CellKey[]).filter((key) => {
    if (!key.startsWith(`${type}|`)) return false;
    const cell = matrix[key];
    return Boolean(cell && (cell.promise.trim() || cell.internal.trim()));
  }).length;
}

/** Targets compared as sets (order-free), to tell whether the matrix changed. */
export function sameTargets(a: readonly Target[], b: readonly Target[]): boolean {
  const key = (t: Target) =>
    `${cellKey(t.ticketType, t.priority, t.metric)}=${t.promiseMinutes}/${t.internalMinutes}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}
