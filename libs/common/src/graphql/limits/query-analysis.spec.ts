import { buildSchema, getIntrospectionQuery, Kind, OperationDefinitionNode, parse } from 'graphql';
import { analyseOperation, QueryMetrics } from './query-analysis';
import { limitViolation } from './query-limits';

/** A small schema with nested connections, so multiplication can be shown apart from our domain. */
const schema = buildSchema(`
  type Query { offers(first: Int = 20, after: String): OfferConnection!  regions: [Region!]!  offer(id: ID!): Offer
    report(groupBy: [Key!]! = [], filter: ReportFilter): Report!  pots(keys: [Key!]): [Pot!]! }
  enum Key { A B }
  input ReportFilter { a: [String!]  b: [Int!] }
  type Report { rows: [Pot!]!  total: Money! }
  type Pot { key: String  amount: Money!  prices: [Money!]! }
  type Money { amount: String!  currency: String! }
  type OfferConnection { edges: [OfferEdge!]!  pageInfo: PageInfo!  totalCount: Int! }
  type OfferEdge { cursor: String!  node: Offer! }
  type PageInfo { hasNextPage: Boolean!  endCursor: String }
  type Offer { id: ID!  title: String!  tags: [String!]!  versions: [Version!]!  provider: Org!  orders(first: Int = 20): OrderConnection! }
  type Version { version: Int!  title: String!  commitments: [Commitment!]! }
  type Commitment { code: String!  rate: Float! }
  type Org { id: ID!  name: String! }
  type OrderConnection { edges: [OrderEdge!]! }
  type OrderEdge { node: Order! }
  type Order { id: ID!  lines(first: Int): [Line!]! }
  type Line { id: ID! }
  type Region { code: String!  pdus: [Pdu!]! }
  type Pdu { code: String! }
`);

const MODEL = { defaultListSize: 10, maxPageSize: 100 };
const LIMITS = { maxDepth: 12, maxFields: 1000, maxAliases: 30, maxDirectives: 50, maxCost: 25_000 };

function measure(source: string): QueryMetrics {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return analyseOperation(schema, document, operation, MODEL);
}

describe('query analysis', () => {
  it('counts depth as nested fields, through fragments', () => {
    expect(measure('{ regions { code } }').depth).toBe(2);
    expect(measure('{ offers { edges { node { provider { name } } } } }').depth).toBe(5);
    expect(measure('{ ...Q } fragment Q on Query { offers { edges { node { ...O } } } } fragment O on Offer { provider { name } }').depth).toBe(5);
    expect(measure('{ offers { edges { node { ... on Offer { versions { commitments { code } } } } } } }').depth).toBe(6);
  });

  it('counts aliases and directives where fragments are spread', () => {
    const source = `{ a: regions { code } ...F ...F } fragment F on Query { b: regions { c: code @include(if: true) } }`;
    expect(measure(source)).toMatchObject({ aliases: 5, directives: 2 });
  });

  it('costs objects: a page by its size, lists without a size by the default, scalars nothing', () => {
    // offers 1 + 100 edges x (edge 1 + node 1 + provider 1); scalars (totalCount, id, title) 0
    expect(measure('{ offers(first: 100) { totalCount edges { node { id title provider { name } } } } }').cost).toBe(1 + 100 * 3);
    // The schema default (20) applies when first is omitted; a variable counts as the largest page.
    expect(measure('{ offers { edges { node { id } } } }').cost).toBe(1 + 20 * 2);
    expect(measure('query ($n: Int) { offers(first: $n) { edges { node { id } } } }').cost).toBe(1 + 100 * 2);
    // Lists of scalars cost nothing; lists of objects count each item and what is inside it.
    expect(measure('{ offer(id: 1) { tags versions { version commitments { code } } } }').cost).toBe(1 + 10 * (1 + 10 * 1));
  });

  it('costs a list by its declared bound, where there is one', () => {
    const document = parse('{ offer(id: 1) { versions { commitments { code } } } regions { pdus { code } } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    const bounded = analyseOperation(schema, document, operation, {
      ...MODEL,
      listBounds: { 'Offer.versions': 100, 'Version.commitments': 20, 'Region.pdus': 15 },
    });
    // offer 1 + 100 versions x (1 + 20 commitments); regions (default 10) x (1 + 15 PDUs)
    expect(bounded.cost).toBe(1 + 100 * (1 + 20) + 10 * (1 + 15));
  });

  it('costs a list by its arguments where a bound follows them, a variable as the bound knows', () => {
    const document = (source: string) => {
      const parsed = parse(source);
      return analyseOperation(schema, parsed, parsed.definitions[0] as OperationDefinitionNode, {
        ...MODEL,
        argumentBounds: {
          // Rows of the report: 3 per A, 5 per B, filter.a narrows A; unknown (a variable) counts 1000.
          'Query.report': (args) => {
            const keys = args.list('groupBy');
            if (keys === 'variable') return 1000;
            const a = args.list('filter.a');
            return (keys ?? []).reduce((n, k) => n * (k === 'A' ? (Array.isArray(a) ? a.length : 3) : 5), keys?.length ? 1 : 0);
          },
          'Query.pots': (args) => (Array.isArray(args.list('keys')) ? 7 : 9),
        },
      }).cost;
    };
    // report 1 + 15 rows (3 x 5) + total (an object: 1)
    expect(document('{ report(groupBy: [A, B]) { rows { key } total { amount } } }')).toBe(1 + 15 + 1);
    expect(document('{ report(groupBy: A, filter: { a: ["x", "y"] }) { rows { key } } }')).toBe(1 + 2);
    expect(document('{ report { rows { key } } }')).toBe(1);
    expect(document('query ($k: [Key!]!) { report(groupBy: $k) { rows { key } } }')).toBe(1 + 1000);
    expect(document('query ($k: Key!) { report(groupBy: [A, $k]) { rows { key } } }')).toBe(1 + 1000);
    expect(document('query ($f: ReportFilter) { report(groupBy: [A], filter: $f) { rows { key } } }')).toBe(1 + 3);
    // The list field itself, and through a fragment (memoised with the bound as its page size).
    expect(document('{ pots(keys: [A]) { key } }')).toBe(7);
    expect(document('{ pots { key } }')).toBe(9);
    expect(document('{ report(groupBy: [B]) { ...R } x: report(groupBy: [A, B]) { ...R } } fragment R on Report { rows { key } }')).toBe(
      1 + 5 + 1 + 15,
    );
  });

  it('counts value objects (Money) as part of the object holding them, but a list of them by its items', () => {
    const document = parse('{ report(groupBy: [A]) { rows { amount { amount currency } prices { amount } } total { amount } } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    const model = { ...MODEL, argumentBounds: { 'Query.report': () => 4 } };
    // report 1 + 4 rows x (1 + amount 1 + 10 prices) + total 1
    expect(analyseOperation(schema, document, operation, model).cost).toBe(1 + 4 * (1 + 1 + 10) + 1);
    // rows 4 x (1 + 0 + 10 prices); the total 0
    expect(analyseOperation(schema, document, operation, { ...model, valueObjectTypes: ['Money'] }).cost).toBe(1 + 4 * (1 + 10));
  });

  it('fits a full 100-item page with two nested lists, but not a multiplied nesting', () => {
    const page = measure(`{ offers(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
      id title tags provider { id name } versions { version title commitments { code rate } } } } } }`);
    expect(limitViolation(page, LIMITS)).toBeUndefined();
    const nested = measure(`{ offers(first: 100) { edges { node { orders(first: 100) { edges { node { id lines(first: 50) { id } } } } } } } }`);
    expect(nested.cost).toBeGreaterThan(500_000);
    expect(page.cost).toBeLessThan(25_000);
    expect(limitViolation(nested, LIMITS)?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
  });

  it('measures chained and repeated fragments once each, and survives cycles', () => {
    // 2^40 expansions if every spread were walked again; memoised it is instant.
    const chain = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Offer { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const started = Date.now();
    const metrics = measure(`{ offer(id: 1) { ...F0 } } ${chain} fragment F40 on Offer { a: id }`);
    expect(Date.now() - started).toBeLessThan(200);
    expect(metrics.aliases).toBe(2 ** 40);
    expect(measure('{ offer(id: 1) { ...A } } fragment A on Offer { ...B } fragment B on Offer { provider { id } ...A }').cost).toBe(2);
  });

  it('counts fields with every fragment expanded, the work validation and compilation do', () => {
    expect(measure('{ regions { code pdus { code } } }').fields).toBe(4);
    expect(measure('{ regions { ...R ...R } } fragment R on Region { code pdus { code } }').fields).toBe(1 + 2 * 3);
    // A doubling chain: 2 fields x 2^40; counted through the memo, capped, never Infinity.
    const chain = Array.from({ length: 40 }, (_, i) => `fragment F${i + 1} on Region { ...F${i} ...F${i} }`).join(' ');
    expect(measure(`{ regions { ...F40 } } fragment F0 on Region { code } ${chain}`).fields).toBe(1 + 2 ** 40);
    const huge = Array.from({ length: 200 }, (_, i) => `fragment F${i + 1} on Region { ...F${i} ...F${i} }`).join(' ');
    expect(measure(`{ regions { ...F200 } } fragment F0 on Region { code } ${huge}`).fields).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('stops counting a selection once it is over the field limit', () => {
    const document = parse(`{ regions { ${'code '.repeat(50)} } offer(id: 1) { ${'id '.repeat(50)} } }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const metrics = analyseOperation(schema, document, operation, { ...MODEL, stopAboveFields: 20 });
    // The walk of `regions` stops at its 21st field; `offer` is never walked.
    expect(metrics.fields).toBe(1 + 21);
    expect(limitViolation(metrics, { ...LIMITS, maxFields: 20 })).toMatchObject({
      message: expect.stringContaining('Number of fields (fragments expanded) is more than 20'),
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'fields', max: 20 },
    });
  });

  it('stops walking at a nesting no document may reach, without overflowing the stack', () => {
    const deep = '{ ' + 'offer(id: 1) { provider { '.repeat(600) + 'id' + ' } }'.repeat(600) + ' }';
    expect(measure(deep).depth).toBeGreaterThanOrEqual(256);
    const chain = Array.from({ length: 3000 }, (_, i) => `fragment F${i} on Offer { provider { id } ...F${i + 1} }`).join('\n');
    expect(measure(`{ offer(id: 1) { ...F0 } } ${chain} fragment F3000 on Offer { id }`).depth).toBeGreaterThanOrEqual(2);
  });

  it('lets the standard introspection query through the default limits', () => {
    const metrics = measure(getIntrospectionQuery());
    expect(limitViolation(metrics, LIMITS)).toBeUndefined();
    expect(metrics.fields).toBeLessThan(LIMITS.maxFields / 2);
  });

  it('names the limit that was exceeded', () => {
    const deep = measure(`{ offers { edges { node { orders { edges { node { lines { id } } } } } } } }`);
    expect(deep.depth).toBe(8);
    expect(limitViolation(deep, { ...LIMITS, maxDepth: 7 })).toMatchObject({
      message: expect.stringContaining('Query depth is 8, more than the limit of 7'),
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 7, actual: 8 },
    });
  });
});
