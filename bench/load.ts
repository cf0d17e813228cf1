/** HTTP load with autocannon: work orders opened through the API, each with its own Idempotency-Key. */
import autocannon from 'autocannon';

export interface CreateLoadResult {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** One failed response, for diagnosis. */
  firstFailure?: string;
}

let sequence = 0;
const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;

/** POST /api/v1/tickets for `seconds` at the given concurrency. */
export async function loadTicketCreation(opts: {
  baseUrl: string;
  token: string;
  customerIds: readonly string[];
  connections: number;
  seconds: number;
}): Promise<CreateLoadResult> {
  let firstFailure: string | undefined;
  const pick = () => opts.customerIds[Math.floor(Math.random() * opts.customerIds.length)]!;
  const instance = autocannon({
    url: opts.baseUrl,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/tickets',
        setupRequest: (request) => {
          const n = ++sequence;
          return {
            ...request,
            headers: {
              ...request.headers,
              authorization: `Bearer ${opts.token}`,
              'content-type': 'application/json',
              'idempotency-key': `bench-${runId}-${n}`,
            },
            body: JSON.stringify({
              type: 'repair',
              channel: 'phone',
              priority: 'normal',
              description: `空调不制冷，外机不转 ${n}`,
              customerId: pick(),
            }),
          };
        },
        onResponse: (status, body) => {
          if ((status < 200 || status >= 300) && !firstFailure)
            firstFailure = `${status} ${body.slice(0, 500)}`;
        },
      },
    ],
  });
  const result = await instance;
  return {
    connections: opts.connections,
    seconds: result.duration,
    requestsPerSecond: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    firstFailure,
  };
}
