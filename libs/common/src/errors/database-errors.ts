/**
 * Sorts errors from PostgreSQL and its driver into what the client should be told. This module knows
 * codes and messages only (no driver import), so the one error-mapping place can use it.
 *
 * - `unavailable`: the connection broke or could not be made (server restarting, connection killed,
 *   network). The transaction did not commit, so the client may retry.
 * - `invalid-value`: the database refused a value the API let through (out of range, text it
 *   cannot store, too large for an index): the client's input, not a server fault.
 */
export type DatabaseErrorKind = 'unavailable' | 'invalid-value';

const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '08P01', // protocol_violation
  '57P05', // idle_session_timeout: the server closed the session
  '25P03', // idle_in_transaction_session_timeout: the session was closed, the transaction rolled back
  '53300', // too_many_connections
  // The transaction was rolled back as a whole and can simply be run again. Lock ordering in the
  // services is meant to prevent both; if one happens anyway, the client retries.
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** node-postgres reports a lost connection by message only. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Cannot use a pool after calling end/,
];

const INVALID_VALUE_CODES = new Set([
  '54000', // program_limit_exceeded, e.g. a value too large for an index row
]);

export function classifyDatabaseError(error: unknown): DatabaseErrorKind | undefined {
  // TypeORM wraps the driver's error (`driverError`); others chain it as `cause`.
  let current: unknown = error;
  for (let hops = 0; hops < 4 && current && typeof current === 'object'; hops += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (UNAVAILABLE_CODES.has(code)) return 'unavailable';
      // Class 22, data exception: numeric out of range, invalid text representation, NUL in text ...
      if (INVALID_VALUE_CODES.has(code) || /^22[0-9A-Z]{3}$/.test(code)) return 'invalid-value';
    }
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return 'unavailable';
    // graphql-js wraps a thrown value that is not an Error of its realm (`thrownValue`).
    const next = current as { driverError?: unknown; cause?: unknown; thrownValue?: unknown };
    current = next.driverError ?? next.cause ?? next.thrownValue;
  }
  return undefined;
}
