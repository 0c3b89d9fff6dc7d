import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainException } from './domain.exception';
import { RequestContexts } from '../context/request-context';

export interface ErrorLogger {
  error(obj: object, msg: string): void;
}

/** Codes produced by GraphQL itself (parse, validation, variable coercion) that are safe to show. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'QUERY_TOO_COMPLEX',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
]);

/**
 * The one place where errors become what clients see. Domain exceptions keep their stable code and
 * message; GraphQL's own request errors pass through; everything else is masked as
 * INTERNAL_SERVER_ERROR with the request id, and the full error goes to the log.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: ErrorLogger,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainException) {
    return { ...base, message: original.message, extensions: { ...original.details, code: original.code } };
  }

  const code = formatted.extensions?.code;
  const isOwnGraphQLError = original instanceof GraphQLError && !original.originalError;
  const isCoercionError =
    original instanceof GraphQLError && original.originalError instanceof GraphQLError && code === 'BAD_USER_INPUT';
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code) && (isOwnGraphQLError || isCoercionError)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...base, extensions };
  }

  const requestId = RequestContexts.current()?.requestId;
  logger.error({ err: original, requestId, path: formatted.path }, 'unexpected error while executing GraphQL');
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
  };
}
