import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, api, setCsrfToken, setRequestLanguage } from './api-client';

function mockFetch(status: number, body: unknown) {
  const fetchMock = vi.fn(
    async (_url: string, _init: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function sentHeaders(fetchMock: ReturnType<typeof mockFetch>, call = 0): Record<string, string> {
  return (fetchMock.mock.calls[call]?.[1].headers ?? {}) as Record<string, string>;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setRequestLanguage('zh-CN');
});

describe('api client', () => {
  test('sends cookies and the UI language; no CSRF header on reads', async () => {
    const fetchMock = mockFetch(200, { ok: true });
    setCsrfToken('csrf-1');
    setRequestLanguage('en');
    await api.get('/tickets', { query: { status: ['open', 'paused'], q: undefined, limit: 20 } });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/tickets?status=open&status=paused&limit=20');
    expect(init.credentials).toBe('include');
    expect(sentHeaders(fetchMock)['Accept-Language']).toBe('en');
    expect(sentHeaders(fetchMock)['X-CSRF-Token']).toBeUndefined();
  });

  test.each(['post', 'put', 'patch'] as const)('%s sends the CSRF token and a JSON body', async (method) => {
    const fetchMock = mockFetch(200, { ok: true });
    setCsrfToken('csrf-2');
    await api[method]('/things', { a: 1 });
    expect(sentHeaders(fetchMock)['X-CSRF-Token']).toBe('csrf-2');
    expect(sentHeaders(fetchMock)['Content-Type']).toBe('application/json');
    expect(fetchMock.mock.calls[0]?.[1].body).toBe('{"a":1}');
  });

  test('delete sends the CSRF token; a forgotten token is not sent', async () => {
    const fetchMock = mockFetch(200, { ok: true });
    setCsrfToken('csrf-3');
    await api.delete('/things/1');
    expect(sentHeaders(fetchMock)['X-CSRF-Token']).toBe('csrf-3');
    setCsrfToken(null);
    await api.delete('/things/1');
    expect(sentHeaders(fetchMock, 1)['X-CSRF-Token']).toBeUndefined();
  });

  test('parses the error body into an ApiError', async () => {
    mockFetch(423, { error: { code: 'ACCOUNT_LOCKED', message: '账号已暂时锁定', details: { until: 'x' } } });
    const error = await api.post('/auth/login', { email: 'a@b.cn', password: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 423, code: 'ACCOUNT_LOCKED', message: '账号已暂时锁定' });
    expect((error as ApiError).details).toEqual({ until: 'x' });
    expect((error as ApiError).fromServer).toBe(true);
  });

  test('a gateway page or a dropped connection still becomes an ApiError', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(api.get('/auth/me')).rejects.toMatchObject({ status: 502, code: 'UNEXPECTED_RESPONSE' });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.get('/auth/me')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});
