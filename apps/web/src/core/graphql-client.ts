import type { Request, Response } from 'express';
import type { WebSession } from './session';

/**
 * The pages' only way to the data: the same GraphQL endpoint and operations any client uses, with
 * the signed-in user's token. Expected refusals (validation, business rules, access) come back as
 * `UserFacingErrors` for the page to show; anything else is a `ServiceProblem` and ends on the
 * generic 500 page, so no internal message ever reaches a person.
 */
export interface ApiError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; fields?: { field: string; messages: string[] }[]; [k: string]: unknown };
}

/** Server-side failures: the person cannot act on them, so they end on the generic 500 page. */
const SERVER_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE']);

export class UserFacingErrors extends Error {
  constructor(readonly errors: ApiError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
  get codes(): string[] {
    return this.errors.map((e) => e.extensions?.code ?? '');
  }
}

export class ServiceProblem extends Error {}

/**
 * A GraphQL document with, for the compiler only, the shape of the `data` it answers: `gql(DOC)` is
 * then typed without a cast at each call. A plain string (a mutation whose answer is not read) gives
 * `unknown`.
 */
export type GqlDocument<T> = string & { readonly __data?: T };

export type Gql = <T = unknown>(query: GqlDocument<T>, variables?: Record<string, unknown>) => Promise<T>;

/** Money as every GraphQL `Money` field answers it. */
export interface Money {
  amount: string;
}

function isUserFacing(error: ApiError): boolean {
  // Business-rule codes are many and owned by the libs (BUDGET_EXCEEDED, CAPACITY_EXCEEDED, ...);
  // their messages are written for clients. Server-side codes are few and known.
  const code = error.extensions?.code ?? '';
  return /^[A-Z_]+$/.test(code) && !SERVER_CODES.has(code);
}

export function graphqlUrlFor(req: Request, configured?: string): string {
  return configured ?? `http://127.0.0.1:${req.socket.localPort}/graphql`;
}

export function createGql(url: string, token?: string, requestId?: string): Gql {
  return async <T>(query: GqlDocument<T>, variables?: Record<string, unknown>) => {
    let response: globalThis.Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(requestId ? { 'x-request-id': requestId } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new ServiceProblem(`GraphQL endpoint unreachable: ${(error as Error).message}`);
    }
    let body: { data?: T; errors?: ApiError[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new ServiceProblem(`GraphQL answered ${response.status} without JSON`);
    }
    if (body.errors?.length) {
      if (body.errors.every(isUserFacing)) throw new UserFacingErrors(body.errors);
      throw new ServiceProblem(`GraphQL errors: ${body.errors.map((e) => e.extensions?.code).join(', ')}`);
    }
    // No errors: the endpoint answered the document, so `data` has its shape.
    return body.data as T;
  };
}

/** The GraphQL client for this request, with the session's token (none when signed out). */
export function gqlFor(req: Request, res: Response): Gql {
  const session = res.locals.session as WebSession;
  return createGql(
    graphqlUrlFor(req, res.locals.graphqlUrl as string | undefined),
    session.token,
    res.getHeader('x-request-id') as string | undefined,
  );
}
