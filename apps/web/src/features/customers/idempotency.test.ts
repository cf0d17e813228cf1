import { expect, test } from 'vitest';
import { IdempotentAttempt } from './idempotency';

function counter() {
  let n = 0;
  return () => `key-${++n}`;
}

test('the same body retried keeps its key; a changed body gets a new one', () => {
  const attempt = new IdempotentAttempt(counter());
  expect(attempt.keyFor({ name: 'a' })).toBe('key-1');
  expect(attempt.keyFor({ name: 'a' })).toBe('key-1');
  expect(attempt.keyFor({ name: 'b' })).toBe('key-2');
  expect(attempt.keyFor({ name: 'a' })).toBe('key-3');
});

test('after a success the next create is a new attempt, even with the same body', () => {
  const attempt = new IdempotentAttempt(counter());
  expect(attempt.keyFor({ name: 'a' })).toBe('key-1');
  attempt.reset();
  expect(attempt.keyFor({ name: 'a' })).toBe('key-2');
});

test('the default keys are UUIDs the API accepts', () => {
  expect(new IdempotentAttempt().keyFor({})).toMatch(/^[0-9a-f-]{36}$/);
});
