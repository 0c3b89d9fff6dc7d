/** One autocannon run of a workload against one server (the app or the floor). */
import autocannon from 'autocannon';
import { runPaced } from './paced';
import { BenchData, Workload } from '../workloads';

export interface LoadOptions {
  connections: number;
  duration: number;
  /**
   * Requests per second, evenly spaced (see paced.ts); absent: as fast as the server answers
   * (autocannon, `connections` requests always in flight).
   */
  rate?: number;
}

export interface LoadResult {
  requests: number;
  throughput: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  max: number;
  /** Responses that were not a 200 with `data` and no `errors`. */
  errors: number;
  /** Connection errors (refused, reset) counted by autocannon: requests that got no response. */
  connectionErrors: number;
  non2xx: number;
  timeouts: number;
  /** First error body seen, to say what went wrong. */
  sampleError?: string;
}

/** The HTTP body autocannon sends: the same for the app and the floor. */
export function bodyOf(workload: Workload, variables: Record<string, unknown>): string {
  return JSON.stringify({ operationName: workload.operationName, query: workload.document, variables });
}

export async function runLoad(url: string, workloads: Workload[], data: BenchData, options: LoadOptions): Promise<LoadResult> {
  if (options.rate) return runPacedLoad(url, workloads, data, { ...options, rate: options.rate });
  let errors = 0;
  let sampleError: string | undefined;
  const requests = workloads.map((workload) => {
    const next = workload.requests(data);
    return {
      method: 'POST' as const,
      path: '/graphql',
      setupRequest: (req: autocannon.Request) => {
        const { token, variables } = next();
        return {
          ...req,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: bodyOf(workload, variables),
        };
      },
      onResponse: (status: number, body: string) => {
        if (status !== 200 || body.includes('"errors"')) {
          errors += 1;
          sampleError ??= `${status} ${body.slice(0, 300)}`;
        }
      },
    };
  });
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.duration,
    overallRate: options.rate,
    pipelining: 1,
    timeout: 30,
    requests,
  });
  return {
    requests: result.requests.total,
    throughput: result.requests.total / (result.duration || options.duration),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    mean: result.latency.average,
    max: result.latency.max,
    errors,
    connectionErrors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    sampleError,
  };
}

/** A fixed rate: the workloads' requests in turn, evenly spaced. */
function runPacedLoad(url: string, workloads: Workload[], data: BenchData, options: LoadOptions & { rate: number }): Promise<LoadResult> {
  const generators = workloads.map((workload) => ({ workload, next: workload.requests(data) }));
  let turn = 0;
  return runPaced(
    url,
    () => {
      const { workload, next } = generators[turn++ % generators.length];
      const { token, variables } = next();
      return {
        body: bodyOf(workload, variables),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        ok: (status, body) => status === 200 && !body.includes('"errors"'),
      };
    },
    options,
  );
}
