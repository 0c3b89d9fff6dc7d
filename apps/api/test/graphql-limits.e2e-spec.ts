import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getIntrospectionQuery, Kind, OperationDefinitionNode, parse } from 'graphql';
import { Role } from '@mkt/auth';
import { analyseOperation, MAX_PAGE_SIZE } from '@mkt/common';
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
      versions { version title summary category regionCodes pduCodes deliveryModes specialisms capacityPerMonth pricingUnit
        eligibility { minAge maxAge sexes riskLevels }
        unitPrice { amount currency } declaredFullCostPerUnit { amount currency } fundingGapPerUnit { amount currency }
        outcomeCommitments { measureCode measureName unit direction expectedRate } }
      provider { ${ORGANISATION_FIELDS} }
    } }
  }
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
    return analyseOperation(schema, document, operation, { defaultListSize: 10, maxPageSize: MAX_PAGE_SIZE });
  }
  const costOf = (source: string) => metricsOf(source).cost;

  it('runs a full 100-item page of offers with versions, outcome commitments and provider', async () => {
    const cost = costOf(FULL_PAGE);
    expect(cost).toBe(16_702);
    expect(cost).toBeLessThan(25_000 / 1.4); // room for the schema to grow
    expect(metricsOf(FULL_PAGE).fields).toBeLessThan(1000 / 5); // expanded fields: far from GRAPHQL_MAX_FIELDS
    const result = await app.gql(FULL_PAGE, {}, token);
    expect(result.status).toBe(200);
    expect(expectOk(result).serviceOffers.edges).toEqual([]);
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
