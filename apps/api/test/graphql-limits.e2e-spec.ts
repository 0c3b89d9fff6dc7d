import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getIntrospectionQuery, getNamedType, getNullableType, isEnumType, isLeafType, isListType, isObjectType, Kind, OperationDefinitionNode, parse } from 'graphql';
import { Role } from '@mkt/auth';
import { analyseOperation, LIST_BOUNDS, MAX_PAGE_SIZE, UNBOUNDED_REPORT_LISTS } from '@mkt/common';
import { OFFER_FIELDS, ORGANISATION_FIELDS } from './harness/factories';
import { errorCode, expectOk, startTestApp, TestApp } from './harness/test-app';

/**
 * Depth, alias, directive, token and cost limits (defaults), checked before validation and execution.
 */
const FULL_PAGE = `query FullPage {
  serviceOffers(first: 100) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      ${OFFER_FIELDS}
      provider { ${ORGANISATION_FIELDS} }
    } }
  }
}`;

/** The version history of each offer: up to 100 versions of up to 20 commitments each. */
const versionsPage = (first: number) => `query VersionsPage {
  serviceOffers(first: ${first}) { edges { node { id
    versions { version title unitPrice { amount } outcomeCommitments { measureCode expectedRate } }
  } } }
}`;

describe('GraphQL limits', () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp();
    token = await app.token({ roles: [Role.ADMIN] });
  });
  afterAll(async () => {
    await app?.close();
  });

  function metricsOf(source: string) {
    const schema = app.nest.get(GraphQLSchemaHost).schema;
    const document = parse(source);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    return analyseOperation(schema, document, operation, { defaultListSize: 10, maxPageSize: MAX_PAGE_SIZE, listBounds: LIST_BOUNDS });
  }
  const costOf = (source: string) => metricsOf(source).cost;

  it('runs a full 100-item page of offers with outcome commitments and provider', async () => {
    const cost = costOf(FULL_PAGE);
    // connection + pageInfo + 100 x (edge, node, eligibility, 3 Money, provider, 20 outcome commitments)
    expect(cost).toBe(1 + 1 + 100 * (1 + 1 + 1 + 3 + 1 + 20));
    expect(cost).toBeLessThan(25_000 / 1.4); // room for the schema to grow
    expect(metricsOf(FULL_PAGE).fields).toBeLessThan(1000 / 5); // expanded fields: far from GRAPHQL_MAX_FIELDS
    const result = await app.gql(FULL_PAGE, {}, token);
    expect(result.status).toBe(200);
    expect(expectOk(result).serviceOffers.edges).toEqual([]);
  });

  it('costs version histories by their bound (100 versions of 20 commitments): 9 offers a page, not 10', async () => {
    expect(costOf(versionsPage(9))).toBe(1 + 9 * (2 + 100 * (1 + 1 + 20)));
    expect(expectOk(await app.gql(versionsPage(9), {}, token)).serviceOffers.edges).toEqual([]);
    const refused = await app.gql(versionsPage(12), {}, token);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 25_000 });
  });

  it('costs a contract schedule by the longest contract (121 monthly periods), so a page of schedules is refused', async () => {
    const schedules = (first: number) => `{ contracts(first: ${first}) { edges { node { id schedule { period fixedDue { amount } paid { amount } } } } } }`;
    expect(costOf(schedules(100))).toBe(1 + 100 * (2 + 121 * 3));
    const refused = await app.gql(schedules(100), {}, token);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
    expect(expectOk(await app.gql(schedules(20), {}, token)).contracts.edges).toEqual([]);
  });

  it('gives every list of objects in the schema a page size or a bound (LIST_BOUNDS), and no stale bound', () => {
    const schema = app.nest.get(GraphQLSchemaHost).schema;
    const unbounded: string[] = [];
    const lists = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type)) || isLeafType(getNamedType(field.type))) continue;
        const key = `${type.name}.${field.name}`;
        lists.add(key);
        const paged = field.args.some((a) => a.name === 'first') || (field.name === 'edges' && type.name.endsWith('Connection'));
        if (!paged && LIST_BOUNDS[key] === undefined && !UNBOUNDED_REPORT_LISTS.includes(key)) unbounded.push(key);
      }
    }
    expect(unbounded).toEqual([]);
    expect([...Object.keys(LIST_BOUNDS), ...UNBOUNDED_REPORT_LISTS].filter((key) => !lists.has(key))).toEqual([]);
    // Bounds taken from enums follow them.
    const enumSize = (name: string) => { const t = schema.getType(name); return isEnumType(t) ? t.getValues().length : -1; };
    expect(LIST_BOUNDS['SpendInclusion.byIncomeBand']).toBe(enumSize('IncomeBand'));
    expect(LIST_BOUNDS['SpendInclusion.byOrganisationType']).toBe(enumSize('OrganisationType'));
  });

  it('bounds the reference lists by the reference data', async () => {
    const data = expectOk(await app.gql('{ regions { pdus { code } } outcomeMeasures { code } }', {}, token));
    expect(data.regions.length).toBeLessThanOrEqual(LIST_BOUNDS['Query.regions']);
    expect(Math.max(...data.regions.map((r: { pdus: unknown[] }) => r.pdus.length))).toBe(LIST_BOUNDS['Region.pdus']);
    expect(data.outcomeMeasures.length).toBeLessThanOrEqual(LIST_BOUNDS['Query.outcomeMeasures']);
  });

  it('refuses two full pages in one document (cost), before executing anything', async () => {
    const twice = FULL_PAGE.replace('serviceOffers(first: 100)', 'a: serviceOffers(first: 100)').replace(
      /^query FullPage \{/,
      `query TwoPages { b: serviceOffers(first: 100) { edges { node { ${OFFER_FIELDS} versions { title unitPrice { amount } outcomeCommitments { measureCode } } provider { legalName } } } }`,
    );
    const result = await app.gql(twice, {}, token);
    expect(result.status).toBe(400);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 25_000 });
    expect(result.errors?.[0].extensions?.actual).toBeGreaterThan(25_000);
    expect(result.errors?.[0].message).toMatch(/^Query cost is \d+, more than the limit of 25000/);
  });

  it('refuses nesting deeper than 12 before validating it', async () => {
    const deep = '{ ' + 'a { '.repeat(13) + 'b' + ' }'.repeat(13) + ' }';
    const result = await app.gql(deep, {}, token);
    expect(result.status).toBe(400);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 12, actual: 14 });
  });

  it('allows 30 aliases and refuses 31; an aliased mutation bomb writes nothing', async () => {
    const aliases = (n: number) => '{ ' + Array.from({ length: n }, (_, i) => `a${i}: regions { code }`).join(' ') + ' }';
    expect((await app.gql(aliases(30), {}, token)).errors).toBeUndefined();
    const refused = await app.gql(aliases(31), {}, token);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 30, actual: 31 });

    const bomb =
      'mutation { ' +
      Array.from(
        { length: 31 },
        (_, i) => `r${i}: registerOrganisation(input: { identifier: "GB-CHC-77700${10 + i}", legalName: "Alias ${i}",
           organisationType: REGISTERED_CHARITY, incomeBand: UNDER_100K, contactEmail: "a@example.org" }) { id }`,
      ).join(' ') +
      ' }';
    const result = await app.gql(bomb, {}, token);
    expect(errorCode(result)).toBe('QUERY_TOO_COMPLEX');
    const rows = await app.pool.query(`SELECT count(*)::int AS n FROM organisation WHERE identifier LIKE 'GB-CHC-77700%'`);
    expect(rows.rows[0].n).toBe(0);
  });

  it('refuses more than 50 directives', async () => {
    const directives = (n: number) => `{ regions ${'@include(if: true) '.repeat(n)}{ code } }`;
    // 50 repeated directives are within the limit (and then invalid for repeating one directive).
    expect(errorCode(await app.gql(directives(50), {}, token))).toBe('GRAPHQL_VALIDATION_FAILED');
    const refused = await app.gql(directives(51), {}, token);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'directives', max: 50 });
  });

  it('stops parsing a document of more than 5,000 tokens (BAD_REQUEST)', async () => {
    const huge = '{ ' + 'regions { code } '.repeat(1300) + '}';
    const result = await app.gql(huge, {}, token);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]).toMatchObject({
      message: 'The document has more than 5000 tokens; parsing was stopped',
      extensions: { code: 'BAD_REQUEST', limit: 'tokens', max: 5000 },
    });
  });

  it('lets the standard introspection query through outside production', async () => {
    const result = await app.gql(getIntrospectionQuery(), {}, token);
    expect(result.errors).toBeUndefined();
    expect(result.data.__schema.types.length).toBeGreaterThan(20);
  });

  it('shows validation errors with their code (not masked), suggestions included outside production', async () => {
    const result = await app.gql('{ regionz { code } }', {}, token);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]).toMatchObject({
      message: 'Cannot query field "regionz" on type "Query". Did you mean "regions"?',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});
