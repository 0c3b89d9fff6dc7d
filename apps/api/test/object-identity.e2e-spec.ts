import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLNonNull, GraphQLObjectType, isObjectType } from 'graphql';
import { Role } from '@mkt/auth';
import { awardContract, setBudget } from './harness/contract-factories';
import { createPublishedOffer, registerProvider } from './harness/factories';
import { errorCode, expectOk, startTestApp, TestApp } from './harness/test-app';

/**
 * Standard clients (Apollo Client's normalised cache, Relay, urql's graphcache) key objects by
 * `__typename` + `id`. Every object type with an identity of its own carries `id: ID!`; the types
 * below are values: computed, or only ever reached through the one object that owns them.
 */
const VALUE_TYPES: Record<string, string> = {
  Money: 'an amount',
  PageInfo: 'a page of a connection',
  Eligibility: 'part of an offer version',
  OutcomeCommitment: 'part of an offer version',
  OutcomeTarget: 'part of an order',
  SchedulePeriod: 'computed from a contract',
  ActualValue: 'part of a performance report, replaced with it',
  FundingPassedDown: "part of a subcontractor, a quarter's figure replaced by a correction",
  SubcontractorContribution: "part of a subcontractor, a quarter's figure replaced by a correction",
  PerformanceRatingForYear: 'computed from approved reports',
  OutcomeAchievementForYear: 'computed from approved reports',
  OrderBudgetPhase: "part of an order, one per financial year (the order's id and the year)",
  ContractBudgetPhase: "part of a contract, one per financial year (the contract's id and the year)",
  ForecastOutturn: 'an aggregate per region and financial year',
  SpendResult: 'an aggregate',
  SpendRow: 'an aggregate',
  SpendTotals: 'an aggregate',
  SpendInclusion: 'an aggregate',
  SpendInclusionReport: 'an aggregate',
  InclusionShare: 'an aggregate',
  SustainabilityGap: 'an aggregate',
  SustainabilityRow: 'an aggregate',
  SustainabilityTotals: 'an aggregate',
  CostPerOutcome: 'an aggregate',
  PaymentCompliancePeriod: 'an aggregate',
  AwardCheck: 'computed before an order is placed, nothing stored',
};

describe('object identity: every entity a client can cache has an id', () => {
  let app: TestApp;
  let commissioner: string;

  beforeAll(async () => {
    app = await startTestApp();
    commissioner = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'commissioner-ida' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('gives every object type with an identity an id: ID! field', () => {
    const schema = app.nest.get(GraphQLSchemaHost).schema;
    const missing = Object.values(schema.getTypeMap())
      .filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'))
      .filter((t) => !['Query', 'Mutation'].includes(t.name) && !/(Connection|Edge)$/.test(t.name) && !(t.name in VALUE_TYPES))
      .filter((t) => {
        const id = t.getFields().id;
        return !id || !(id.type instanceof GraphQLNonNull) || String(id.type.ofType) !== 'ID';
      })
      .map((t) => t.name);
    expect(missing).toEqual([]);
    // The list of value types stays honest: each still exists and still has no id.
    for (const name of Object.keys(VALUE_TYPES)) {
      const type = schema.getType(name);
      expect(type && isObjectType(type) && !type.getFields().id).toBe(true);
    }
  });

  it('keys a pinned offer version by offer and version, the same wherever it is reached', async () => {
    const provider = await registerProvider(app);
    const offer = await createPublishedOffer(app, provider, { unitPrice: '500.00', declaredFullCostPerUnit: '650.00' });
    await setBudget(app, 'north-west', '2026-27', '100000.00');
    const contract = await awardContract(app, commissioner, provider, {
      offerId: offer.id,
      pduCode: 'liverpool-north',
      quantity: 2,
      startDate: '2026-10-01',
      endDate: '2027-03-31',
    });
    // A new version after the order: the order still pins version 1, under its own id.
    expectOk(
      await app.gql(
        `mutation ($id: ID!) { updateServiceOffer(id: $id, input: { capacityPerMonth: 30 }) { version } }`,
        { id: offer.id },
        provider.token,
      ),
    );
    const data = expectOk(
      await app.gql(
        `query ($order: ID!, $contract: ID!, $offer: ID!) {
          order(id: $order) { offer { id offerId version } }
          contract(id: $contract) { offer { id } versions { id version } }
          serviceOffer(id: $offer) { id versions { id version } }
        }`,
        { order: contract.orderId, contract: contract.id, offer: offer.id },
        commissioner,
      ),
    );
    expect(data.order.offer).toEqual({ id: `${offer.id}:1`, offerId: offer.id, version: 1 });
    expect(data.contract.offer.id).toBe(data.order.offer.id);
    expect(data.serviceOffer.versions).toEqual([
      { id: `${offer.id}:1`, version: 1 },
      { id: `${offer.id}:2`, version: 2 },
    ]);
    expect(data.contract.versions).toEqual([{ id: `${contract.id}:1`, version: 1 }]);
  });

  it('gives reference data ids (their codes) and links an underpriced offer to its offer', async () => {
    const data = expectOk(
      await app.gql(
        `{ regions { id code pdus { id code } } outcomeMeasures(category: ACCOMMODATION) { id code }
           underpricedOffers(first: 10) { edges { node { id offerId version offer { id title status versions { id } } } } } }`,
        {},
        commissioner,
      ),
    );
    const northWest = data.regions.find((r: { code: string }) => r.code === 'north-west');
    expect(northWest.id).toBe('north-west');
    expect(northWest.pdus.every((p: { id: string; code: string }) => p.id === p.code)).toBe(true);
    expect(data.outcomeMeasures.every((m: { id: string; code: string }) => m.id === m.code)).toBe(true);
    const nodes = data.underpricedOffers.edges.map((e: { node: unknown }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node.id).toBe(node.offerId);
      expect(node.offer.id).toBe(node.offerId);
      expect(node.offer.status).toBe('PUBLISHED');
    }
  });

  it('links underpriced offers for every role that may list them, and for no other', async () => {
    const query = `{ underpricedOffers(first: 5) { edges { node { offerId offer { id } } } } }`;
    for (const claims of [{ roles: [Role.DIRECTORATE] }, { roles: [Role.AUDITOR] }, { roles: [Role.COMMISSIONER], regions: ['north-west'] }]) {
      const nodes = expectOk(await app.gql(query, {}, await app.token(claims))).underpricedOffers.edges.map((e: { node: any }) => e.node);
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.every((n: { offerId: string; offer: { id: string } }) => n.offer.id === n.offerId)).toBe(true);
    }
    const provider = await registerProvider(app);
    for (const token of [provider.token, await app.token({ roles: [Role.ADMIN] })]) {
      expect(errorCode(await app.gql(query, {}, token))).toBe('FORBIDDEN');
    }
  });
});
