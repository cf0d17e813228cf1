import { describe, expect, test } from 'vitest';
import {
  clearFilters,
  emptyQueueParams,
  hasFilters,
  homeView,
  parseQueueParams,
  queueApiQuery,
  queueParamsFromObject,
  queueParamsToObject,
  queueSearchString,
  sameQueue,
} from './queue-params';

const someone = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('queue parameters in the URL', () => {
  test('an empty query string is "my work", newest update first', () => {
    expect(parseQueueParams(new URLSearchParams(''))).toEqual(emptyQueueParams);
    expect(queueSearchString(emptyQueueParams)).toBe('');
  });

  test('round-trips every filter through the query string', () => {
    const params = {
      view: 'unassigned' as const,
      status: ['new' as const, 'open' as const],
      type: ['repair' as const],
      priority: ['urgent' as const, 'high' as const],
      channel: ['phone' as const],
      tag: '差评风险',
      assigneeId: someone,
      q: 'GD-100123',
      sort: 'priority_desc' as const,
    };
    const search = queueSearchString(params);
    expect(search).toContain('status=new%2Copen');
    expect(parseQueueParams(new URLSearchParams(search))).toEqual(params);
  });

  test('accepts repeated keys as well as comma lists, and drops unknown or duplicate values', () => {
    const parsed = parseQueueParams(
      new URLSearchParams('status=new&status=open,bogus,new&priority=URGENT&view=nope&sort=random'),
    );
    expect(parsed.status).toEqual(['new', 'open']);
    expect(parsed.priority).toEqual([]);
    expect(parsed.view).toBe('mine');
    expect(parsed.sort).toBe('updated_desc');
  });

  test('ignores an assignee that is not an id and trims the search', () => {
    const parsed = parseQueueParams(new URLSearchParams('assigneeId=robert&q=%20%20空调%20'));
    expect(parsed.assigneeId).toBeUndefined();
    expect(parsed.q).toBe('空调');
  });
});

describe('home views', () => {
  test('a service point manager lands on their point, a dispatcher on unassigned work', () => {
    expect(homeView('partner_manager', true)).toBe('team');
    expect(homeView('partner_manager', false)).toBe('mine');
    expect(homeView('dispatcher', true)).toBe('unassigned');
    expect(homeView('agent', true)).toBe('mine');
  });

  test('the home view is implied by a plain URL and left out of it', () => {
    const params = parseQueueParams(new URLSearchParams(''), 'team');
    expect(params.view).toBe('team');
    expect(queueSearchString(params, 'team')).toBe('');
    expect(queueSearchString({ ...params, view: 'mine' }, 'team')).toBe('view=mine');
  });
});

describe('saved views and the API', () => {
  test('a saved view stores only what differs from the defaults, and reads back the same', () => {
    const params = { ...emptyQueueParams, view: 'waiting' as const, channel: ['web' as const] };
    const stored = queueParamsToObject(params);
    expect(stored).toEqual({ view: 'waiting', channel: ['web'] });
    // The view is stored even when it is the default: a shared view must mean the same for every role.
    expect(queueParamsToObject(emptyQueueParams)).toEqual({ view: 'mine' });
    expect(queueParamsFromObject(stored)).toEqual(params);
    // A view saved by an older client with a single string still works.
    expect(queueParamsFromObject({ status: 'resolved' }).status).toEqual(['resolved']);
  });

  test('the API query always names the view and sort and leaves out empty filters', () => {
    expect(queueApiQuery(emptyQueueParams)).toEqual({
      view: 'mine',
      status: undefined,
      type: undefined,
      priority: undefined,
      channel: undefined,
      tag: undefined,
      assigneeId: undefined,
      q: undefined,
      sort: 'updated_desc',
    });
  });

  test('sameQueue ignores the order of list values', () => {
    const a = { ...emptyQueueParams, status: ['new' as const, 'open' as const] };
    const b = { ...emptyQueueParams, status: ['open' as const, 'new' as const] };
    expect(sameQueue(a, b)).toBe(true);
    expect(sameQueue(a, { ...b, view: 'all' })).toBe(false);
  });

  test('clearing filters keeps the view and sort', () => {
    const params = {
      ...emptyQueueParams,
      view: 'team' as const,
      sort: 'created_asc' as const,
      q: 'x',
      tag: 'y',
    };
    expect(hasFilters(params)).toBe(true);
    const cleared = clearFilters(params);
    expect(hasFilters(cleared)).toBe(false);
    expect(cleared.view).toBe('team');
    expect(cleared.sort).toBe('created_asc');
  });
});
