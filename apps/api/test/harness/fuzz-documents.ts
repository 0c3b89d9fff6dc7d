import { getNamedType, GraphQLNamedType, GraphQLSchema, isLeafType, isObjectType } from 'graphql';
import type { Random } from './fuzz';
import { literalFor } from './fuzz-values';

/** GraphQL documents built from the real schema, then broken in many ways. */
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

type DocumentKind = (schema: GraphQLSchema, r: Random) => string;

/** Deep nesting, of real or made-up fields. */
const deepNesting: DocumentKind = (_schema, r) => {
  const levels = r.pick([13, 40, 300, 1500]);
  const field = r.pick(['serviceOffers', 'a', 'provider']);
  return '{ ' + `${field} { `.repeat(levels) + 'id' + ' }'.repeat(levels) + ' }';
};

/** Alias or directive bombs. */
const aliasOrDirectiveBomb: DocumentKind = (_schema, r) => {
  const n = r.pick([31, 100, 1000]);
  return r.chance(0.5)
    ? `{ ${Array.from({ length: n }, (_, i) => `a${i}: serviceOffers(first: 100) { totalCount }`).join(' ')} }`
    : `{ regions ${'@include(if: true) '.repeat(n)} { code } }`;
};

/** Fragment cycles, spread fan-out, unknown fragments. */
const fragmentMisuse: DocumentKind = (_schema, r) =>
  r.pick([
    '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
    `{ serviceOffers { ${' ...F'.repeat(500)} } } fragment F on ServiceOfferConnection { edges { node { id title } } }`,
    '{ ...Missing }',
    'fragment Lonely on Query { regions { code } }',
  ]);

/** Fragment bombs: each fragment spreads the previous one twice (2^levels fields expanded). */
function fragmentBomb(r: Random): string {
  const levels = r.pick([10, 24, 30, 60]);
  const chain = Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Region { ...F${i} ...F${i} }`).join(' ');
  return `{ regions { ...F${levels} } } fragment F0 on Region { code name } ${chain}`;
}

const TOKENS = [
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

/** Token soup. */
function tokenSoup(r: Random): string {
  return Array.from({ length: r.pick([1, 10, 200, 6000]) }, () => r.pick(TOKENS)).join(r.pick([' ', '']));
}

/** A query or mutation on the real schema's root, maybe named, maybe with (broken) variables. */
function operation(schema: GraphQLSchema, r: Random, mutation: boolean): string {
  const root = mutation ? schema.getMutationType()! : schema.getQueryType()!;
  const vars = r.chance(0.2) ? `(${r.pick(['$flag: Boolean = true', '$id: ID!', '$x: Int, $x: Int', '$input: NoSuchType'])})` : '';
  const name = r.chance(0.5) ? ` Op${r.below(1000)}` : '';
  return `${mutation ? 'mutation' : r.pick(['query', ''])}${name}${vars} { ${selection(schema, root, r, 0, { fields: r.pick([5, 20, 80]) })} }`;
}

const query: DocumentKind = (schema, r) => operation(schema, r, false);
const mutation: DocumentKind = (schema, r) => operation(schema, r, true);

/**
 * The kinds, in the order of the draw that picks one (the order decides what a seed produces):
 * bombs and broken documents, then mostly operations on the schema (queries, then mutations).
 */
const DOCUMENT_KINDS: readonly DocumentKind[] = [
  deepNesting,
  aliasOrDirectiveBomb,
  fragmentMisuse,
  (_schema, r) => (r.chance(0.3) ? fragmentBomb(r) : tokenSoup(r)),
  // Several operations: sent with no operationName, an unknown one or a real one (see OPERATION_NAMES).
  (schema, r) => (r.chance(0.3) ? 'query A { regions { code } } query B { regions { name } } mutation C { __typename }' : query(schema, r)),
  query,
  query,
  query,
  mutation,
  mutation,
];

/** A random document: valid-looking operations, deep or wide bombs, or token soup. */
export function randomDocument(schema: GraphQLSchema, r: Random): string {
  return DOCUMENT_KINDS[r.below(DOCUMENT_KINDS.length)](schema, r);
}
