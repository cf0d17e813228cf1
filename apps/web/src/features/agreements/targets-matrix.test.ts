import { describe, expect, test } from 'vitest';
import {
  cellKey,
  cellProblems,
  countForType,
  matrixProblems,
  matrixToTargets,
  sameTargets,
  type Target,
  targetsToMatrix,
} from './targets-matrix';

const targets: Target[] = [
  { ticketType: 'repair', priority: 'normal', metric: 'on_site', promiseMinutes: 1440, internalMinutes: 360 },
  {
    ticketType: 'repair',
    priority: 'urgent',
    metric: 'first_response',
    promiseMinutes: 30,
    internalMinutes: 10,
  },
];

describe('targets matrix', () => {
  test('targets become cells and back, in display order', () => {
    const matrix = targetsToMatrix(targets);
    expect(matrix[cellKey('repair', 'normal', 'on_site')]).toEqual({ promise: '24:00', internal: '6:00' });
    const { targets: out, keys } = matrixToTargets(matrix);
    expect(sameTargets(out, targets)).toBe(true);
    // Urgent rows come first.
    expect(keys).toEqual([
      cellKey('repair', 'urgent', 'first_response'),
      cellKey('repair', 'normal', 'on_site'),
    ]);
    expect(countForType(matrix, 'repair')).toBe(2);
    expect(countForType(matrix, 'complaint')).toBe(0);
  });

  test('the internal target must not be looser than the promise; both halves or neither', () => {
    expect(cellProblems({ promise: '4:00', internal: '6:00' })).toEqual({ internal: 'looser' });
    expect(cellProblems({ promise: '4:00', internal: '4:00' })).toEqual({});
    expect(cellProblems({ promise: '4:00', internal: '' })).toEqual({ internal: 'required' });
    expect(cellProblems({ promise: '', internal: '1:00' })).toEqual({ promise: 'required' });
    expect(cellProblems({ promise: 'x', internal: '1:00' })).toEqual({ promise: 'format' });
    expect(cellProblems({ promise: '', internal: '' })).toEqual({});
  });

  test('cells with problems are reported and not sent; blank cells are dropped', () => {
    const matrix = {
      ...targetsToMatrix(targets),
      [cellKey('repair', 'low', 'on_site')]: { promise: '2:00', internal: '3:00' },
      [cellKey('repair', 'high', 'on_site')]: { promise: '', internal: '' },
    };
    expect(Object.keys(matrixProblems(matrix))).toEqual([cellKey('repair', 'low', 'on_site')]);
    expect(matrixToTargets(matrix).targets).toHaveLength(2);
  });

  test('sameTargets ignores order and sees changed minutes', () => {
    expect(sameTargets([...targets].reverse(), targets)).toBe(true);
    expect(sameTargets([{ ...targets[0]!, internalMinutes: 361 }, targets[1]!], targets)).toBe(false);
  });
});
