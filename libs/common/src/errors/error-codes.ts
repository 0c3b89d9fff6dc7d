/**
 * What a stable `extensions.code` means, in one table per lib next to its code enum. Each table is a
 * `Record<XErrorCode, ErrorCodeInfo>`, so an enum member without an entry fails typecheck; the
 * exception classes take their HTTP status from it and docs/errors.md is generated from all tables
 * (apps/api/test/error-codes.e2e-spec.ts).
 */
export interface ErrorCodeInfo {
  /** Status on a plain HTTP route (CSV exports, publications) or of the HTTP response that carries it. */
  httpStatus: number;
  /** The same request may simply be sent again (nothing was done). */
  retryable?: boolean;
  meaning: string;
}

/** Codes about the request itself (GraphQL, Apollo, HTTP) and from the server, not from one domain. */
export enum RequestErrorCode {
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  BAD_REQUEST = 'BAD_REQUEST',
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  RATE_LIMITED = 'RATE_LIMITED',
  INTROSPECTION_DISABLED = 'INTROSPECTION_DISABLED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export const REQUEST_ERROR_CODES: Record<RequestErrorCode, ErrorCodeInfo> = {
  GRAPHQL_PARSE_FAILED: { httpStatus: 400, meaning: 'The document is not valid GraphQL syntax' },
  GRAPHQL_VALIDATION_FAILED: { httpStatus: 400, meaning: 'The document does not match the schema (unknown field, wrong argument)' },
  BAD_USER_INPUT: { httpStatus: 400, meaning: 'A variable or argument has a value the schema or the database refuses' },
  BAD_REQUEST: { httpStatus: 400, meaning: 'The HTTP request is malformed: not JSON, a batch, more tokens than allowed' },
  OPERATION_RESOLUTION_FAILURE: { httpStatus: 400, meaning: 'The operation to run cannot be chosen (operationName missing or unknown)' },
  PERSISTED_QUERY_NOT_FOUND: { httpStatus: 200, retryable: true, meaning: 'The persisted query hash is not known: send it again with its text' },
  PERSISTED_QUERY_NOT_SUPPORTED: { httpStatus: 200, meaning: 'Persisted queries are not supported' },
  QUERY_TOO_COMPLEX: { httpStatus: 400, meaning: 'The document exceeds a query limit (depth, aliases, cost ...); says which and by how much' },
  UNAUTHENTICATED: { httpStatus: 401, meaning: 'No valid bearer token' },
  FORBIDDEN: { httpStatus: 403, meaning: 'The caller’s role may not do this' },
  RATE_LIMITED: { httpStatus: 429, retryable: true, meaning: 'Too many mutations from this caller this minute; retry later' },
  INTROSPECTION_DISABLED: { httpStatus: 400, meaning: 'Introspection is off (production)' },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, meaning: 'The request body is larger than BODY_LIMIT' },
  UNSUPPORTED_MEDIA_TYPE: { httpStatus: 415, meaning: 'The request body is not JSON in UTF-8' },
  SERVICE_UNAVAILABLE: {
    httpStatus: 503,
    retryable: true,
    meaning: 'A dependency (database, identity provider) cannot be reached; nothing was done',
  },
  INTERNAL_SERVER_ERROR: { httpStatus: 500, meaning: 'Anything unexpected; the requestId finds the full error in the log' },
};
