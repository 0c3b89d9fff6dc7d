import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  parse,
} from 'graphql';
import { Role } from '@mkt/auth';
import {
  analyseOperation,
  INCOME_BANDS,
  LIST_BOUNDS,
  MAX_PAGE_SIZE,
  MAX_PDUS,
  MAX_REGIONS,
  ORGANISATION_TYPES,
  reportListBounds,
  SERVICE_CATEGORIES,
  VALUE_OBJECT_TYPES,
} from '@mkt/common';
import { DASHBOARD, DASHBOARD_BUDGETS } from '../../web/src/journeys/directorate/queries';
import { WORKLOADS } from '../../../bench/workloads';
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

/** The default REPORT_MAX_ROWS. */
const REPORT_MAX_ROWS = 20_000;

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
    return analyseOperation(schema, document, operation, {
      defaultListSize: 10,
      maxPageSize: MAX_PAGE_SIZE,
      listBounds: LIST_BOUNDS,
      argumentBounds: reportListBounds(REPORT_MAX_ROWS),
      valueObjectTypes: VALUE_OBJECT_TYPES,
    });
  }
  const costOf = (source: string) => metricsOf(source).cost;

  it('runs a full 100-item page of offers with outcome commitments and provider', async () => {
    const cost = costOf(FULL_PAGE);
    // connection + pageInfo + 100 x (edge, node, eligibility, provider, 20 outcome commitments); Money counts 0
    expect(cost).toBe(1 + 1 + 100 * (1 + 1 + 1 + 1 + 20));
    expect(cost).toBeLessThan(25_000 / 1.4); // room for the schema to grow
    expect(metricsOf(FULL_PAGE).fields).toBeLessThan(1000 / 5); // expanded fields: far from GRAPHQL_MAX_FIELDS
    const result = await app.gql(FULL_PAGE, {}, token);
    expect(result.status).toBe(200);
    expect(expectOk(result).serviceOffers.edges).toEqual([]);
  });

  it('costs version histories by their bound (100 versions of 20 commitments): 11 offers a page, not 12', async () => {
    expect(costOf(versionsPage(11))).toBe(1 + 11 * (2 + 100 * (1 + 20)));
    expect(expectOk(await app.gql(versionsPage(11), {}, token)).serviceOffers.edges).toEqual([]);
    const refused = await app.gql(versionsPage(12), {}, token);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 25_000 });
  });

  it('costs a contract schedule by the longest contract (121 monthly periods), so two pages of schedules are refused', async () => {
    const page = (alias: string) =>
      `${alias}: contracts(first: 100) { edges { node { id schedule { period fixedDue { amount } paid { amount } } } } }`;
    expect(costOf(`{ ${page('a')} }`)).toBe(1 + 100 * (2 + 121));
    expect(expectOk(await app.gql(`{ ${page('a')} }`, {}, token)).a.edges).toEqual([]);
    const refused = await app.gql(`{ ${page('a')} ${page('b')} ${page('c')} }`, {}, token);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', actual: 3 * (1 + 100 * (2 + 121)) });
  });

  it('gives every list of objects in the schema a page size or a bound (LIST_BOUNDS), and no stale bound', () => {
    const schema = app.nest.get(GraphQLSchemaHost).schema;
    const unbounded: string[] = [];
    const lists = new Set<string>();
    const reportBounds = reportListBounds(REPORT_MAX_ROWS);
    const boundedTypes = new Set(
      Object.keys(reportBounds).map((key) => getNamedType(schema.getQueryType()!.getFields()[key.replace(/^Query\./, '')].type).name),
    );
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type)) || isLeafType(getNamedType(field.type))) continue;
        const key = `${type.name}.${field.name}`;
        lists.add(key);
        const paged = field.args.some((a) => a.name === 'first') || (field.name === 'edges' && type.name.endsWith('Connection'));
        // Bounded by its own arguments (budgets), or by those of the field returning its type (spend for SpendResult.rows).
        const byArguments = reportBounds[key] !== undefined || boundedTypes.has(type.name);
        if (!paged && LIST_BOUNDS[key] === undefined && !byArguments) unbounded.push(key);
      }
    }
    expect(unbounded).toEqual([]);
    expect(Object.keys(LIST_BOUNDS).filter((key) => !lists.has(key))).toEqual([]);
    const query = schema.getQueryType()!.getFields();
    expect(Object.keys(reportBounds).filter((key) => !query[key.replace(/^Query\./, '')])).toEqual([]);
    // Bounds taken from enums follow them.
    const enumSize = (name: string) => {
      const t = schema.getType(name);
      return isEnumType(t) ? t.getValues().length : -1;
    };
    expect(LIST_BOUNDS['SpendInclusion.byIncomeBand']).toBe(enumSize('IncomeBand'));
    expect(LIST_BOUNDS['SpendInclusion.byOrganisationType']).toBe(enumSize('OrganisationType'));
    expect([SERVICE_CATEGORIES, INCOME_BANDS, ORGANISATION_TYPES]).toEqual(['ServiceCategory', 'IncomeBand', 'OrganisationType'].map(enumSize));
  });

  it('bounds the reference lists by the reference data', async () => {
    const data = expectOk(await app.gql('{ regions { pdus { code } } outcomeMeasures { code } }', {}, token));
    expect(data.regions.length).toBeLessThanOrEqual(LIST_BOUNDS['Query.regions']);
    expect(Math.max(...data.regions.map((r: { pdus: unknown[] }) => r.pdus.length))).toBe(LIST_BOUNDS['Region.pdus']);
    expect(data.outcomeMeasures.length).toBeLessThanOrEqual(LIST_BOUNDS['Query.outcomeMeasures']);
    // The report bounds count regions and PDUs from the reference data.
    expect(data.regions.length).toBe(MAX_REGIONS);
    expect(data.regions.flatMap((r: { pdus: unknown[] }) => r.pdus).length).toBe(MAX_PDUS);
  });

  describe('report rows, costed by their grouping and filter (at most REPORT_MAX_ROWS)', () => {
    const spendCost = (args: string) =>
      costOf(`{ spend(${args}) { rows { regionCode committed { amount } paid { amount } } totals { committed { amount } } } }`);

    it('costs one per group of the keys, narrowed by the filter; a spend row costs 1 whatever money it selects', () => {
      // spend + rows + totals
      expect(spendCost('groupBy: [REGION]')).toBe(1 + 12 + 1);
      expect(spendCost('groupBy: []')).toBe(1 + 0 + 1);
      expect(spendCost('groupBy: [REGION, CATEGORY], filter: { regionCodes: ["london", "wales"] }')).toBe(1 + 2 * 8 + 1);
      expect(spendCost('groupBy: [PDU, INCOME_BAND, ORGANISATION_TYPE]')).toBe(1 + 109 * 4 * 7 + 1);
      expect(spendCost('groupBy: [FINANCIAL_QUARTER], filter: { financialYears: ["2026-27"], quarters: [1, 2] }')).toBe(1 + 2 + 1);
      expect(spendCost('groupBy: [FINANCIAL_YEAR, FINANCIAL_QUARTER], filter: { financialYears: ["2025-26", "2026-27"] }')).toBe(1 + 8 + 1);
      expect(spendCost('groupBy: [PROVIDER, REGION], filter: { providerIds: ["a", "b", "c"] }')).toBe(1 + 36 + 1);
      // No bound of their own: providers and years count the cap.
      expect(spendCost('groupBy: [REGION, PROVIDER]')).toBe(1 + REPORT_MAX_ROWS + 1);
      expect(spendCost('groupBy: [FINANCIAL_YEAR]')).toBe(1 + REPORT_MAX_ROWS + 1);
    });

    it('counts arguments given as variables as the cap (a checked document is reused with other variables)', () => {
      const rows = '{ rows { regionCode } }';
      expect(costOf(`query ($g: [SpendGroupKey!]!) { spend(groupBy: $g) ${rows} }`)).toBe(1 + REPORT_MAX_ROWS);
      expect(costOf(`query ($g: SpendGroupKey!) { spend(groupBy: [REGION, $g]) ${rows} }`)).toBe(1 + REPORT_MAX_ROWS);
      // A filter in a variable narrows nothing: each key counts all its values.
      expect(costOf(`query ($f: SpendFilter) { spend(filter: $f, groupBy: [REGION]) ${rows} }`)).toBe(1 + 12);
      expect(costOf(`query ($r: [String!]) { spend(filter: { regionCodes: $r }, groupBy: [REGION, CATEGORY]) ${rows} }`)).toBe(1 + 12 * 8);
      expect(costOf(`query ($f: SpendFilter) { spend(filter: $f, groupBy: [FINANCIAL_QUARTER]) ${rows} }`)).toBe(1 + REPORT_MAX_ROWS);
    });

    it('bounds the other reports: inclusion per region and year, budgets per pot, cost per outcome per measure and category', () => {
      expect(costOf('{ spendInclusion(filter: { financialYears: ["2026-27"] }) { rows { regionCode byIncomeBand { committedShare } } } }')).toBe(
        1 + 12 * (1 + 4),
      );
      expect(costOf('{ sustainabilityGap(groupBy: [REGION]) { rows { gap { amount } } totals { gap { amount } } } }')).toBe(1 + 12 + 1);
      expect(costOf('{ budgets(filter: { financialYears: ["2026-27"], regionCodes: ["london"] }) { allocated { amount } } }')).toBe(9);
      expect(costOf('{ budgets(filter: { financialYears: ["2026-27"] }) { id } }')).toBe(12 * 9);
      expect(costOf('{ budgets { id } }')).toBe(REPORT_MAX_ROWS);
      expect(costOf('{ costPerOutcome { cost { amount } } }')).toBe(200 * 8);
      expect(costOf('{ costPerOutcome(filter: { categories: [ACCOMMODATION] }) { measureCode } }')).toBe(200);
    });

    it('refuses several heavy spend groupings in one document, runs one', async () => {
      const directorate = await app.token({ roles: [Role.DIRECTORATE] });
      const heavy = (alias: string) =>
        `${alias}: spend(groupBy: [REGION, PROVIDER]) { rows { providerId committed { amount } } totals { contracts } }`;
      expect(expectOk(await app.gql(`{ ${heavy('a')} }`, {}, directorate)).a.rows).toEqual([]);
      const refused = await app.gql(`{ ${heavy('a')} ${heavy('b')} }`, {}, directorate);
      expect(refused.status).toBe(400);
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'QUERY_TOO_COMPLEX',
        limit: 'cost',
        max: 25_000,
        actual: 2 * (REPORT_MAX_ROWS + 2),
      });
      // Narrowed by the filter, many fit.
      const light = (alias: string) => `${alias}: spend(groupBy: [REGION], filter: { regionCodes: ["london"] }) { rows { committed { amount } } }`;
      expect(expectOk(await app.gql(`{ ${['a', 'b', 'c'].map(light).join(' ')} }`, {}, directorate)).c.rows).toEqual([]);
    });

    it("allows the benchmark's W3 spend (region, provider and quarter of one year) and the web dashboard", () => {
      const w3 = costOf(WORKLOADS.find((w) => w.id === 'W3')!.document);
      // spend + rows (the cap: providers have no bound) + totals
      expect(w3).toBe(1 + REPORT_MAX_ROWS + 1);
      expect(w3).toBeLessThanOrEqual(25_000);
      // W3 returns ~4,500 groups on the large data set: within the cap, which it must stay under.
      expect(REPORT_MAX_ROWS).toBeGreaterThan(4_500 * 2);
      for (const document of [DASHBOARD, DASHBOARD_BUDGETS]) expect(costOf(document)).toBeLessThanOrEqual(25_000);
    });
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
