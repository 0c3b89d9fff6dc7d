import type { Random } from './fuzz';

/** Malformed HTTP requests: bodies, encodings, content types, methods. */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

const INVALID_UTF8: readonly number[][] = [[0xff], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]];

/** What every kind of raw request is built from: the token, and the headers drawn before the kind. */
interface RequestParts {
  token: string;
  auth: Record<string, string>;
  json: Record<string, string>;
}

type RequestKind = (r: Random, parts: RequestParts) => RawRequest;

/** A JSON body that is not JSON. */
const brokenJson: RequestKind = (r, { json }) => ({
  method: 'POST',
  path: '/graphql',
  headers: json,
  body: r.pick(['{', '{"query": "{ regions { code } }"', '{"query": }', 'nul', '[', '{"a":1,}', "{'query': 1}", '\u0000']),
});

/** A JSON body with invalid UTF-8 inside a string. */
const invalidUtf8: RequestKind = (r, { json }) => {
  const bytes = Buffer.concat([
    Buffer.from('{"query": "{ regions { code } }", "variables": {"x": "'),
    Buffer.from(r.pick(INVALID_UTF8)),
    Buffer.from('"}}'),
  ]);
  return { method: 'POST', path: '/graphql', headers: json, body: bytes };
};

/** A good body under a content type that is not JSON (or JSON in a charset nobody speaks). */
const wrongContentType: RequestKind = (r, { auth }) => ({
  method: 'POST',
  path: '/graphql',
  headers: {
    'content-type': r.pick([
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=z',
      'application/graphql',
      'application/xml',
      'application/json; charset=utf-16',
      'application/json; charset=klingon',
      '',
    ]),
    ...auth,
  },
  body: JSON.stringify({ query: '{ regions { code } }' }),
});

/** Valid JSON that is not a GraphQL request, or one with badly typed members. */
const wrongShape: RequestKind = (r, { json }) => ({
  method: 'POST',
  path: '/graphql',
  headers: json,
  body: r.pick([
    'null',
    '[]',
    '"query"',
    '42',
    'true',
    '{}',
    '{"query": 123}',
    '{"query": null}',
    '{"query": ["a"]}',
    '{"query": "{ regions { code } }", "variables": "x"}',
    '{"query": "{ regions { code } }", "variables": [1]}',
    '{"query": "{ regions { code } }", "operationName": 5}',
    '{"query": "{ regions { code } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
    '{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0000000000000000000000000000000000000000000000000000000000000000"}}}',
  ]),
});

/** A body over the size limit. */
const oversized: RequestKind = (r, { json }) => ({
  method: 'POST',
  path: '/graphql',
  headers: json,
  body: JSON.stringify({ query: '{ regions { code } }', variables: { pad: 'x'.repeat(r.pick([1_100_000, 2_000_000])) } }),
});

/** Deeply nested (and often unclosed) JSON arrays. */
const deepJson: RequestKind = (r, { json }) => ({
  method: 'POST',
  path: '/graphql',
  headers: json,
  body: '['.repeat(r.pick([1000, 100_000])) + ']'.repeat(r.pick([0, 1000])),
});

/** A method GraphQL does not answer. */
const wrongMethod: RequestKind = (r, { json }) => ({
  method: r.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']),
  path: '/graphql',
  headers: json,
  body: r.chance(0.5) ? '{}' : undefined,
});

/** GET with the operation in the query string: mutations, broken documents, broken variables. */
const getOperation: RequestKind = (r, { auth }) => {
  const query = r.pick(['{ regions { code } }', 'mutation { verifyOrganisation(id: "x") { id } }', '{', '']);
  const variables = r.pick(['', '&variables=%7B', '&variables=%5B%5D', '&variables=' + encodeURIComponent('{"a":1}'), '&extensions=x']);
  return {
    method: 'GET',
    path: `/graphql?query=${encodeURIComponent(query)}${variables}`,
    headers: { 'apollo-require-preflight': 'true', ...auth },
  };
};

/** Paths that are badly encoded or climb out. */
const brokenPath: RequestKind = (r, { auth }) => ({
  method: 'GET',
  path: r.pick(['/graphql?query', '/graphql?%zz', '/health/%', '/health/ready?x=%00', '/%2e%2e/etc/passwd', '/graphql/../health']),
  headers: { ...auth },
});

/** Authorization headers that are empty, huge, of another scheme, or a token that is not one. */
const brokenAuthorization: RequestKind = (r, { token, json }) => ({
  method: 'POST',
  path: '/graphql',
  headers: {
    ...json,
    authorization: r.pick([
      'Bearer',
      'Bearer ' + 'a'.repeat(8000),
      'Basic YWRtaW46YWRtaW4=',
      'Bearer a.b.c',
      'Bearer ' + token.split('.').reverse().join('.'),
    ]),
  },
  body: JSON.stringify({ query: '{ regions { code } }' }),
});

/** Request ids that are not ASCII, too long, or paths. */
const oddRequestId: RequestKind = (r, { json }) => ({
  method: 'POST',
  path: '/graphql',
  headers: { ...json, 'x-request-id': r.pick(['\u00e9'.repeat(10), 'a'.repeat(500), 'ok-id-12345', '../../x']) },
  body: JSON.stringify({ query: '{ regions { code } }' }),
});

/** Accept headers GraphQL cannot (or need not) answer with. */
const oddAccept: RequestKind = (r, { json }) => ({
  method: 'POST',
  path: '/graphql',
  headers: { ...json, accept: r.pick(['text/html', 'application/graphql-response+json', 'multipart/mixed', '*/*;q=x', 'application/xml']) },
  body: JSON.stringify({ query: '{ regions { code } }' }),
});

/** The kinds, in the order of the draw that picks one (the order decides what a seed produces). */
const REQUEST_KINDS: readonly RequestKind[] = [
  brokenJson,
  invalidUtf8,
  wrongContentType,
  wrongShape,
  oversized,
  deepJson,
  wrongMethod,
  getOperation,
  brokenPath,
  brokenAuthorization,
  oddRequestId,
  oddAccept,
];

/** Requests that are broken below GraphQL: bodies, encodings, content types, methods. */
export function rawRequest(r: Random, token: string): RawRequest {
  const auth: Record<string, string> = r.chance(0.5) ? { authorization: `Bearer ${token}` } : {};
  const json: Record<string, string> = { 'content-type': 'application/json', ...auth };
  return REQUEST_KINDS[r.below(REQUEST_KINDS.length)](r, { token, auth, json });
}

/** operationName values sent with generated documents: none, an unknown name, names of several-operation documents. */
export const OPERATION_NAMES: readonly (string | undefined | null)[] = [undefined, undefined, undefined, null, 'A', 'B', 'C', 'X', '', '\ud800'];
