import { expect, test } from 'vitest';
import { safeNext } from './safe-next';

test('keeps paths on this site', () => {
  expect(safeNext('/tickets?status=open#top')).toBe('/tickets?status=open#top');
  expect(safeNext(null)).toBe('/');
});

test('refuses other origins and loops back to login', () => {
  for (const next of [
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    'javascript:alert(1)',
    '/login',
    '/login?next=/x',
  ]) {
    expect(safeNext(next)).toBe('/');
  }
});
