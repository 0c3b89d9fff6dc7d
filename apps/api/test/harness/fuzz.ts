import {
  getNamedType,
  getNullableType,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { Random } from '@mkt/common';

/**
 * Generators for the hostile-input test: GraphQL documents built from the real schema (then
 * broken in many ways), hostile variable values, and malformed HTTP requests. Deterministic: every
 * choice comes from a seeded PRNG (the seed's, in @mkt/common), so a failure can be replayed with the same seed.
 */
export { Random };

/** Long strings: inside the body limit one at a time, so they are used for single fields only. */
export const LONG_STRINGS: readonly string[] = ['a'.repeat(10_000), 'é'.repeat(70_000), '\ud83d\ude00'.repeat(20_000), 'x'.repeat(600_000)];

/** Strings that have broken parsers, encoders, databases and log pipelines. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'abc\u0000def',
  '\ud800',
  'x\udfffy',
  '\udc00',
  'ok \ude00\ud83d',
  '\ud83d\ude00'.repeat(500),
  '\u202eevil\u202c',
  '\u200b\u200c\u200d\ufeff',
  'e\u0301\u0301\u0301\u0301\u0301',
  '\uffff\ufffe',
  "'; DROP TABLE organisation; --",
  "' OR '1'='1",
  '%_\\',
  '$1',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '../../../../etc/passwd',
  '\r\nX-Injected: yes',
  '${jndi:ldap://x}',
  'GB-CHC-',
  'GB-CHC-99999999999999999999',
  'GB-COH-\u0000\u0000',
  'null',
  'NaN',
  '-0',
  '1e309',
  '99999999999999999999.99',
  '-0.001',
  ' 12.50',
  '0x10',
  '2026-13-45T25:61:61Z',
  '+275760-09-13T00:00:00.000Z',
  '0000-00-00',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  'YzE6OTk5OTk5OTk5OTk5OTk5OTk5OTk5',
  'YzE6LTE',
  '\\u0000',
];

// 9007199254740992 is 2^53 (MAX_SAFE_INTEGER + 1), the first unsafe integer (the 9007199254740993 written here before is no double: it read as 2^53).
export const HOSTILE_NUMBERS: readonly number[] = [
  0, -1, 1, 2147483647, 2147483648, -2147483649, 9007199254740992, 1e308, -1e308, 5e-324, 0.1, -0.5, 1.5, 101, 1000000,
  // Exponent decimals finer than any rate allows (once read as 0 decimal places), and within them.
  1e-7, 1.5e-7, 3e-9, 2.5e-1, 1e-6, 0.1234567,
];

/** A string, long ones only where `depth` says the value is not inside a list or object. */
function hostileString(r: Random, depth: number): string {
  return depth === 0 && r.chance(0.08) ? r.pick(LONG_STRINGS) : r.pick(HOSTILE_STRINGS);
}

/** A hostile JSON value of any shape, a few hundred kilobytes at most. */
export function hostileValue(r: Random, depth = 0): unknown {
  switch (r.below(depth > 1 ? 4 : 7)) {
    case 0:
      return hostileString(r, depth);
    case 1:
      return r.pick(HOSTILE_NUMBERS);
    case 2:
      return r.pick([true, false, null]);
    case 3:
      return r.pick(['ACCOMMODATION', 'REGISTERED_CHARITY', 'north-west', 'ACC-03', 'PER_REFERRAL']);
    case 4:
      return Array.from({ length: r.pick([0, 1, 3, depth ? 20 : 2000]) }, () => hostileValue(r, depth + 1));
    case 5:
      return Object.fromEntries(
        Array.from({ length: r.below(4) }, () => [r.pick(['a', '__proto__', 'constructor', 'x'.repeat(300), 'title']), hostileValue(r, depth + 1)]),
      );
    default: {
      // Deep nesting within the body limit.
      let value: unknown = 'bottom';
      for (let i = 0; i < r.pick([50, 500, 5000]); i += 1) value = [value];
      return value;
    }
  }
}

/**
 * A value for an input type: usually the right shape with hostile content, sometimes the wrong
 * shape altogether.
 */
export function valueFor(type: GraphQLInputType, r: Random, depth = 0): unknown {
  if (r.chance(0.12) || depth > 4) return hostileValue(r, depth);
  // Explicit nulls where the schema allows them: optional fields whose default null overrides.
  if (!isNonNullType(type) && r.chance(0.1)) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) return Array.from({ length: r.pick([0, 1, 2, 3, 300]) }, () => valueFor(nullable.ofType, r, depth + 2));
  if (isEnumType(nullable)) return r.chance(0.8) ? r.pick(nullable.getValues()).value : r.pick(['UNKNOWN', 'accommodation', '', 'ACCOMMODATION ']);
  if (isInputObjectType(nullable)) {
    const fields = Object.values(nullable.getFields());
    return Object.fromEntries(fields.filter(() => r.chance(0.85)).map((f) => [f.name, valueFor(f.type, r, depth + 1)]));
  }
  if (isScalarType(nullable)) {
    switch (nullable.name) {
      case 'Int':
      case 'Float':
        return r.pick(HOSTILE_NUMBERS);
      case 'Boolean':
        return r.pick([true, false, 'true', 0]);
      case 'ID':
        return r.pick(['00000000-0000-4000-8000-000000000000', 'not-an-id', '1', hostileString(r, depth)]);
      case 'Decimal':
        return r.pick(['850.00', '0.00', '-1.00', '1e3', '12.345', '99999999999999999.99', '', hostileString(r, depth)]);
      case 'DateTime':
        return r.pick(['2026-04-01T00:00:00Z', '2026-02-30T00:00:00Z', 'yesterday', '', hostileString(r, depth)]);
      default:
        return hostileString(r, depth);
    }
  }
  return hostileValue(r, depth);
}

/** A GraphQL literal (source text) for an input type, sometimes of the wrong kind. */
function literalFor(type: GraphQLInputType, r: Random, depth = 0): string {
  if (r.chance(0.1)) return r.pick(['null', '$undeclared', '123', '"text"', 'WRONG_ENUM', '[1, "2", null]', '{ a: 1 }', '1e999', '""" block """']);
  const nullable = getNullableType(type);
  if (isListType(nullable)) return `[${Array.from({ length: r.below(3) }, () => literalFor(nullable.ofType, r, depth + 1)).join(', ')}]`;
  if (isEnumType(nullable)) return r.pick(nullable.getValues()).name;
  if (isInputObjectType(nullable)) {
    if (depth > 3) return '{}';
    const fields = Object.values(nullable.getFields()).filter(() => r.chance(0.7));
    return `{ ${fields.map((f) => `${f.name}: ${literalFor(f.type, r, depth + 1)}`).join(', ')} }`;
  }
  if (isScalarType(nullable) && ['Int', 'Float'].includes(nullable.name)) return String(r.pick(HOSTILE_NUMBERS));
  if (isScalarType(nullable) && nullable.name === 'Boolean') return r.pick(['true', 'false']);
  return JSON.stringify(r.pick(HOSTILE_STRINGS).slice(0, 2000));
}

const DIRECTIVES = ['@include(if: true)', '@skip(if: false)', '@include(if: "yes")', '@skip', '@deprecated', '@unknown(x: 1)', '@include(if: $flag)'];

/** A selection on `type`, usually valid, with aliases, directives, fragments and nesting mixed in. */
function selection(schema: GraphQLSchema, type: GraphQLNamedType, r: Random, depth: number, budget: { fields: number }): string {
  if (!isObjectType(type) || budget.fields <= 0) return '__typename';
  const fields = Object.values(type.getFields());
  const count = 1 + r.below(depth < 2 ? 5 : 3);
  const parts: string[] = [];
  for (let i = 0; i < count && budget.fields > 0; i += 1) {
    budget.fields -= 1;
    if (r.chance(0.05)) {
      parts.push(r.pick(['nonexistent', '__schema { types { name } }', '__type(name: "Organisation") { name }', 'id(x: 1)']));
      continue;
    }
    const field = r.pick(fields);
    const alias = r.chance(0.2) ? `${r.pick(['a', 'b', 'x'])}${r.below(40)}: ` : '';
    const args = field.args.filter(() => r.chance(0.6)).map((a) => `${a.name}: ${literalFor(a.type, r)}`);
    const directive = r.chance(0.08) ? ` ${r.pick(DIRECTIVES)}` : '';
    const named = getNamedType(field.type);
    let sub = '';
    if (!isLeafType(named) && !r.chance(0.03)) {
      const inner = depth > 6 && r.chance(0.7) ? '__typename' : selection(schema, named, r, depth + 1, budget);
      sub = r.chance(0.05) ? ` { ... on ${named.name} { ${inner} } }` : ` { ${inner} }`;
    } else if (r.chance(0.02)) {
      sub = ' { impossible }';
    }
    parts.push(`${alias}${field.name}${args.length ? `(${args.join(', ')})` : ''}${directive}${sub}`);
  }
  return parts.join(' ');
}

/** A random document: valid-looking operations, deep or wide bombs, or token soup. */
export function randomDocument(schema: GraphQLSchema, r: Random): string {
  const kind = r.below(10);
  if (kind === 0) {
    // Deep nesting, of real or made-up fields.
    const levels = r.pick([13, 40, 300, 1500]);
    const field = r.pick(['serviceOffers', 'a', 'provider']);
    return '{ ' + `${field} { `.repeat(levels) + 'id' + ' }'.repeat(levels) + ' }';
  }
  if (kind === 1) {
    // Alias or directive bombs.
    const n = r.pick([31, 100, 1000]);
    return r.chance(0.5)
      ? `{ ${Array.from({ length: n }, (_, i) => `a${i}: serviceOffers(first: 100) { totalCount }`).join(' ')} }`
      : `{ regions ${'@include(if: true) '.repeat(n)} { code } }`;
  }
  if (kind === 2) {
    // Fragment cycles, spread fan-out, unknown fragments.
    return r.pick([
      '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
      `{ serviceOffers { ${' ...F'.repeat(500)} } } fragment F on ServiceOfferConnection { edges { node { id title } } }`,
      '{ ...Missing }',
      'fragment Lonely on Query { regions { code } }',
    ]);
  }
  if (kind === 3 && r.chance(0.3)) {
    // Fragment bombs: each fragment spreads the previous one twice (2^levels fields expanded).
    const levels = r.pick([10, 24, 30, 60]);
    const chain = Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Region { ...F${i} ...F${i} }`).join(' ');
    return `{ regions { ...F${levels} } } fragment F0 on Region { code name } ${chain}`;
  }
  if (kind === 3) {
    // Token soup.
    const tokens = [
      '{',
      '}',
      '(',
      ')',
      '[',
      ']',
      ':',
      '...',
      '@',
      '$',
      '!',
      '=',
      '|',
      '&',
      'query',
      'mutation',
      'subscription',
      'fragment',
      'on',
      'regions',
      '"s"',
      '"""b"""',
      '1',
      '1.5e3',
      '#c\n',
      ',',
      'serviceOffers',
      'first',
      '\u00e9',
      '\u0000',
    ];
    return Array.from({ length: r.pick([1, 10, 200, 6000]) }, () => r.pick(tokens)).join(r.pick([' ', '']));
  }
  if (kind === 4 && r.chance(0.3)) {
    // Several operations: sent with no operationName, an unknown one or a real one (see OPERATION_NAMES).
    return 'query A { regions { code } } query B { regions { name } } mutation C { __typename }';
  }
  const mutation = kind >= 8;
  const root = mutation ? schema.getMutationType()! : schema.getQueryType()!;
  const vars = r.chance(0.2) ? `(${r.pick(['$flag: Boolean = true', '$id: ID!', '$x: Int, $x: Int', '$input: NoSuchType'])})` : '';
  const name = r.chance(0.5) ? ` Op${r.below(1000)}` : '';
  return `${mutation ? 'mutation' : r.pick(['query', ''])}${name}${vars} { ${selection(schema, root, r, 0, { fields: r.pick([5, 20, 80]) })} }`;
}

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

const INVALID_UTF8: readonly number[][] = [[0xff], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]];

/** Requests that are broken below GraphQL: bodies, encodings, content types, methods. */
export function rawRequest(r: Random, token: string): RawRequest {
  const auth: Record<string, string> = r.chance(0.5) ? { authorization: `Bearer ${token}` } : {};
  const json: Record<string, string> = { 'content-type': 'application/json', ...auth };
  switch (r.below(12)) {
    case 0:
      return {
        method: 'POST',
        path: '/graphql',
        headers: json,
        body: r.pick(['{', '{"query": "{ regions { code } }"', '{"query": }', 'nul', '[', '{"a":1,}', "{'query': 1}", '\u0000']),
      };
    case 1: {
      const bytes = Buffer.concat([
        Buffer.from('{"query": "{ regions { code } }", "variables": {"x": "'),
        Buffer.from(r.pick(INVALID_UTF8)),
        Buffer.from('"}}'),
      ]);
      return { method: 'POST', path: '/graphql', headers: json, body: bytes };
    }
    case 2:
      return {
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
      };
    case 3:
      return {
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
      };
    case 4:
      return {
        method: 'POST',
        path: '/graphql',
        headers: json,
        body: JSON.stringify({ query: '{ regions { code } }', variables: { pad: 'x'.repeat(r.pick([1_100_000, 2_000_000])) } }),
      };
    case 5:
      return { method: 'POST', path: '/graphql', headers: json, body: '['.repeat(r.pick([1000, 100_000])) + ']'.repeat(r.pick([0, 1000])) };
    case 6:
      return {
        method: r.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']),
        path: '/graphql',
        headers: json,
        body: r.chance(0.5) ? '{}' : undefined,
      };
    case 7: {
      const query = r.pick(['{ regions { code } }', 'mutation { verifyOrganisation(id: "x") { id } }', '{', '']);
      const variables = r.pick(['', '&variables=%7B', '&variables=%5B%5D', '&variables=' + encodeURIComponent('{"a":1}'), '&extensions=x']);
      return {
        method: 'GET',
        path: `/graphql?query=${encodeURIComponent(query)}${variables}`,
        headers: { 'apollo-require-preflight': 'true', ...auth },
      };
    }
    case 8:
      return {
        method: 'GET',
        path: r.pick(['/graphql?query', '/graphql?%zz', '/health/%', '/health/ready?x=%00', '/%2e%2e/etc/passwd', '/graphql/../health']),
        headers: { ...auth },
      };
    case 9:
      return {
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
      };
    case 10:
      return {
        method: 'POST',
        path: '/graphql',
        headers: { ...json, 'x-request-id': r.pick(['\u00e9'.repeat(10), 'a'.repeat(500), 'ok-id-12345', '../../x']) },
        body: JSON.stringify({ query: '{ regions { code } }' }),
      };
    default:
      return {
        method: 'POST',
        path: '/graphql',
        headers: { ...json, accept: r.pick(['text/html', 'application/graphql-response+json', 'multipart/mixed', '*/*;q=x', 'application/xml']) },
        body: JSON.stringify({ query: '{ regions { code } }' }),
      };
  }
}

/** operationName values sent with generated documents: none, an unknown name, names of several-operation documents. */
export const OPERATION_NAMES: readonly (string | undefined | null)[] = [undefined, undefined, undefined, null, 'A', 'B', 'C', 'X', '', '\ud800'];
