import { expect, test } from 'vitest';
import { minuteParts } from './work-minutes';

test('minutes split into whole hours and the rest', () => {
  expect(minuteParts(0)).toEqual({ hours: 0, minutes: 0 });
  expect(minuteParts(45)).toEqual({ hours: 0, minutes: 45 });
  expect(minuteParts(90)).toEqual({ hours: 1, minutes: 30 });
  expect(minuteParts(1440)).toEqual({ hours: 24, minutes: 0 });
  expect(minuteParts(-5)).toEqual({ hours: 0, minutes: 0 });
  expect(minuteParts(59.6)).toEqual({ hours: 1, minutes: 0 });
});
