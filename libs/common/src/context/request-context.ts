import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * Per-request state carried through async calls: the request id (in logs and in masked errors),
 * and a count of SQL statements (so tests and the benchmark can see N+1 queries).
 */
export interface RequestContext {
  requestId: string;
  sqlStatements: number;
  principalSub?: string;
  operationName?: string;
  operationType?: string;
  /** `extensions.code` of the GraphQL errors sent, for the request log line. */
  errorCodes?: string[];
}

const storage = new AsyncLocalStorage<RequestContext>();

export const RequestContexts = {
  run<T>(fn: () => T, requestId: string = randomUUID()): T {
    return storage.run({ requestId, sqlStatements: 0 }, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
