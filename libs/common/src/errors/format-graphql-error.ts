import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainException } from './domain.exception';
import { classifyDatabaseError, DatabaseErrorKind } from './database-errors';
import { RequestErrorCode } from './error-codes';
import { RequestContexts } from '../context/request-context';
import { DATABASE_UNAVAILABLE_MESSAGE, SERVICE_UNAVAILABLE } from './service-unavailable.exception';

export interface ErrorLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ErrorFormatOptions {
  /** Production: no "Did you mean ...?" hints, which would reveal the schema with introspection off. */
  hideSuggestions: boolean;
}

/**
 * Codes produced by GraphQL itself (parse, validation, variable coercion) or our limits that are safe to show.
 * Typed against the request-level table (error-codes.ts), which says what each one means.
 */
const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set<RequestErrorCode>([
  RequestErrorCode.GRAPHQL_PARSE_FAILED,
  RequestErrorCode.GRAPHQL_VALIDATION_FAILED,
  RequestErrorCode.BAD_USER_INPUT,
  RequestErrorCode.BAD_REQUEST,
  RequestErrorCode.OPERATION_RESOLUTION_FAILURE,
  RequestErrorCode.PERSISTED_QUERY_NOT_FOUND,
  RequestErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  RequestErrorCode.QUERY_TOO_COMPLEX,
  RequestErrorCode.UNAUTHENTICATED,
  RequestErrorCode.FORBIDDEN,
  RequestErrorCode.RATE_LIMITED,
  RequestErrorCode.INTROSPECTION_DISABLED,
]);

/** graphql-js spells it "more that" in 16.x; accept both in case it is corrected. */
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;
const SUGGESTION = / ?Did you mean .+\?$/;
/**
 * Argument values are coerced while executing (a null variable for a non-null argument that has a
 * default, `recentContracts(first: $n)` with `n: null`): graphql-js and graphql-jit raise these
 * field errors without a code. They are the client's input, told as BAD_USER_INPUT.
 */
const ARGUMENT_COERCION = /^Argument "[^"]+" (of (non-null|required) type "[^"]+" (must not be null|was not provided)|has invalid value )/;
/** graphql-js stops coercing variables after 50 errors with this error, which carries no code. */
const VARIABLE_ERROR_LIMIT = /^Too many errors processing variables/;

/**
 * The one place where errors become what clients see. Domain exceptions keep their stable code and
 * message; GraphQL's own request errors pass through; a lost database connection becomes a retryable
 * SERVICE_UNAVAILABLE and a value the database refuses becomes BAD_USER_INPUT; everything else is
 * masked as INTERNAL_SERVER_ERROR with the request id, and the full error goes to the log.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: ErrorLogger,
  options: ErrorFormatOptions = { hideSuggestions: false },
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainException) {
    if (original.code !== SERVICE_UNAVAILABLE) {
      return { ...base, message: original.message, extensions: { ...original.details, code: original.code } };
    }
    // A dependency is down (the identity provider, say): logged, and the request id lets support find it.
    const requestId = RequestContexts.current()?.requestId;
    logger.warn({ err: original, requestId, path: formatted.path }, 'dependency unavailable while executing GraphQL');
    return { ...base, message: original.message, extensions: { ...original.details, code: original.code, requestId } };
  }

  const clientError = asClientError(original, formatted, options);
  if (clientError) return clientError;

  const requestId = RequestContexts.current()?.requestId;
  const kind = classifyDatabaseError(original) ?? 'unexpected';
  const { level, log, message, extensions } = SERVER_ERRORS[kind];
  logger[level]({ err: original, requestId, path: formatted.path }, log);
  return { message, locations: formatted.locations, path: formatted.path, extensions: { ...extensions, requestId } };
}

/** What the client is told (and what is logged) for an error that is not the client's request. */
const SERVER_ERRORS: Record<
  DatabaseErrorKind | 'unexpected',
  { level: 'warn' | 'error'; log: string; message: string; extensions: Record<string, unknown> }
> = {
  unavailable: {
    level: 'warn',
    log: 'database unavailable while executing GraphQL',
    message: DATABASE_UNAVAILABLE_MESSAGE,
    extensions: { code: SERVICE_UNAVAILABLE, retryable: true },
  },
  'invalid-value': {
    level: 'warn',
    log: 'database refused a value',
    message: 'A value in the request is out of range, too large or not valid text',
    extensions: { code: 'BAD_USER_INPUT' },
  },
  unexpected: {
    level: 'error',
    log: 'unexpected error while executing GraphQL',
    message: 'Internal server error',
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  },
};

/**
 * Errors that GraphQL or Apollo raised about the request itself (syntax, validation, variable
 * coercion, limits, CSRF), or that a resolver raised as a GraphQLError with a client code. Their
 * messages are written for clients; any other error may carry internal detail and is masked.
 */
function asClientError(original: unknown, formatted: GraphQLFormattedError, options: ErrorFormatOptions): GraphQLFormattedError | undefined {
  if (!(original instanceof GraphQLError)) return undefined;
  if (!original.path && !original.originalError && VARIABLE_ERROR_LIMIT.test(original.message)) {
    return { message: original.message, extensions: { code: 'BAD_USER_INPUT' } };
  }
  const coercion = original.originalError ?? original;
  if (coercion instanceof GraphQLError && !coercion.extensions?.code && ARGUMENT_COERCION.test(coercion.message)) {
    return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  // Apollo raises a few request errors with an HTTP 4xx status but no code (a persisted query's
  // hash that does not match its text): the client's mistake, described for the client.
  const status = (original.extensions?.http as { status?: unknown } | undefined)?.status;
  if (!original.path && !original.originalError && !original.extensions?.code && typeof status === 'number' && status >= 400 && status < 500) {
    return { message: original.message, extensions: { code: 'BAD_REQUEST' } };
  }
  // Apollo files errors of our validation rules (query limits) under GRAPHQL_VALIDATION_FAILED; they keep their own code.
  const ownCode = original.originalError instanceof GraphQLError ? original.originalError.extensions?.code : undefined;
  const code = typeof ownCode === 'string' && CLIENT_ERROR_CODES.has(ownCode) ? ownCode : formatted.extensions?.code;
  if (typeof code !== 'string' || !CLIENT_ERROR_CODES.has(code)) return undefined;
  // A resolver error wrapping a non-GraphQL error is an internal failure, whatever its code says.
  const requestLevel = !original.path;
  if (!requestLevel && original.originalError && !(original.originalError instanceof GraphQLError)) return undefined;

  const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
  let message = formatted.message;
  const tokenLimit = TOKEN_LIMIT.exec(message);
  if (tokenLimit) {
    return {
      message: `The document has more than ${tokenLimit[1]} tokens; parsing was stopped`,
      locations: formatted.locations,
      extensions: { code: 'BAD_REQUEST', limit: 'tokens', max: Number(tokenLimit[1]) },
    };
  }
  if (options.hideSuggestions) message = message.replace(SUGGESTION, '');
  return { message, locations: formatted.locations, path: formatted.path, extensions: { ...extensions, code } };
}
