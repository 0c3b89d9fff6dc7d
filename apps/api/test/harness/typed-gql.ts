import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { GqlResult, TestApp } from './test-app';

/** Printed once per document: the same text goes over the wire on every call. */
const printed = new WeakMap<object, string>();

/**
 * `app.gql` with a document from operations/generated.ts: the variables are checked against the
 * operation's and the result is typed by its selection (`npm run codegen` after editing an operation).
 */
export function gqlTyped<TResult, TVariables extends Record<string, unknown>>(
  app: Pick<TestApp, 'gql'>,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  token?: string,
): Promise<GqlResult<TResult>> {
  let query = printed.get(document);
  if (!query) printed.set(document, (query = print(document)));
  return app.gql<TResult>(query, variables, token);
}
