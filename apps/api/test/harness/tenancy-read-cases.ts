import { ids, never, p2, rid, type Case } from './tenancy-world';

/** The tenancy probes of queries: foreign records absent or NOT_FOUND. */
export const READ_CASES: Case[] = [
  {
    op: 'invoice',
    as: [
      ['nw', 'NOT_FOUND'],
      ['p1', 'NOT_FOUND'],
    ],
    query: `query ($id: ID!) { invoice(id: $id) { id } }`,
    variables: rid('invoice2'),
  },
  {
    op: 'invoices',
    as: [
      ['nw', 'ABSENT'],
      ['p1', 'ABSENT'],
    ],
    query: `{ invoices(first: 100) { edges { node { id contractId } } } }`,
    variables: () => ({}),
    foreign: never('invoice2', 'contract2'),
  },
  {
    op: 'paymentCompliance',
    as: [
      ['p1', 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ],
    query: `{ paymentCompliance { invoicesPaid } }`,
    variables: () => ({}),
  },
  // ---- queries ----
  {
    op: 'organisation',
    as: [
      ['p1', 'NOT_FOUND'],
      [undefined, 'UNAUTHENTICATED'],
    ],
    query: `query ($id: ID!) { organisation(id: $id) { id } }`,
    variables: () => ({ id: p2.id }),
  },
  {
    op: 'organisations',
    as: [['p1', 'ABSENT']],
    query: `{ organisations(first: 100) { edges { node { id } } } }`,
    variables: () => ({}),
    foreign: () => [p2.id],
  },
  {
    op: 'serviceOffer',
    as: [
      ['p1', 'NOT_FOUND'],
      ['nw', 'NOT_FOUND'],
      ['directorate', 'NOT_FOUND'],
    ],
    query: `query ($id: ID!) { serviceOffer(id: $id) { id } }`,
    variables: rid('draft2'),
  },
  {
    op: 'serviceOffers',
    as: [
      ['p1', 'ABSENT'],
      ['nw', 'ABSENT'],
    ],
    query: `{ serviceOffers(first: 100) { edges { node { id } } } }`,
    variables: () => ({}),
    foreign: never('draft2'),
  },
  {
    op: 'serviceOffers',
    as: [['p1', 'ABSENT']],
    query: `{ serviceOffers(first: 100) { edges { node { id } } } }`,
    variables: () => ({}),
    foreign: never('offer2'),
  },
  {
    op: 'order',
    as: [
      ['nw', 'NOT_FOUND'],
      ['p1', 'NOT_FOUND'],
      ['admin', 'NOT_FOUND'],
    ],
    query: `query ($id: ID!) { order(id: $id) { id } }`,
    variables: rid('order2'),
  },
  {
    op: 'orders',
    as: [
      ['nw', 'ABSENT'],
      ['p1', 'ABSENT'],
      ['admin', 'ABSENT'],
    ],
    query: `{ orders(first: 100) { edges { node { id } } } }`,
    variables: () => ({}),
    foreign: never('order2', 'pending2'),
  },
  {
    op: 'contract',
    as: [
      ['nw', 'NOT_FOUND'],
      ['p1', 'NOT_FOUND'],
      ['admin', 'NOT_FOUND'],
    ],
    query: `query ($id: ID!) { contract(id: $id) { id } }`,
    variables: rid('contract2'),
  },
  {
    op: 'contracts',
    as: [
      ['nw', 'ABSENT'],
      ['p1', 'ABSENT'],
    ],
    query: `{ contracts(first: 100) { edges { node { id } } } }`,
    variables: () => ({}),
    foreign: never('contract2'),
  },
  {
    // Another region's PDU (and offer): refused before anything is read; providers may not ask at all.
    op: 'awardCheck',
    as: [
      ['nw', 'FORBIDDEN'],
      ['p1', 'FORBIDDEN'],
    ],
    query: `query ($input: AwardCheckInput!) { awardCheck(input: $input) { runningTotal { amount } flags } }`,
    variables: () => ({ input: { offerId: ids.offer2, pduCode: 'gwent', quantity: 1, startDate: '2026-05-01', endDate: '2026-05-31' } }),
  },
  { op: 'budgets', as: [['p1', 'FORBIDDEN']], query: `{ budgets { id } }`, variables: () => ({}) },
  { op: 'budgets', as: [['nw', 'ABSENT']], query: `{ budgets { id regionCode } }`, variables: () => ({}), foreign: () => ['wales'] },
  {
    op: 'auditEvents',
    as: [
      ['nw', 'FORBIDDEN'],
      ['p1', 'FORBIDDEN'],
      ['directorate', 'FORBIDDEN'],
    ],
    query: `{ auditEvents(first: 1) { totalCount } }`,
    variables: () => ({}),
  },
  { op: 'regions', as: [[undefined, 'UNAUTHENTICATED']], query: `{ regions { code } }`, variables: () => ({}) },
  { op: 'outcomeMeasures', as: [[undefined, 'UNAUTHENTICATED']], query: `{ outcomeMeasures { code } }`, variables: () => ({}) },
  // Nested: a commissioner sees wales' published offer but not wales' contracts through its provider.
  {
    op: 'serviceOffers',
    as: [['nw', 'ABSENT']],
    query: `{ serviceOffers(first: 100) { edges { node { id provider { id recentContracts(first: 20) { id order { id } } } } } } }`,
    variables: () => ({}),
    foreign: never('contract2', 'order2'),
  },
  // Property level: a provider sees its order but not the budget it draws on.
  { op: 'order', as: [['p1', 'FORBIDDEN']], query: `query ($id: ID!) { order(id: $id) { id budget { id } } }`, variables: rid('order1') },

  // Spend: commissioners see their regions only; providers none of it.
  {
    op: 'spend',
    as: [
      ['p1', 'FORBIDDEN'],
      ['admin', 'FORBIDDEN'],
    ],
    query: `{ spend(groupBy: [REGION]) { totals { contracts } } }`,
    variables: () => ({}),
  },
  {
    op: 'spend',
    as: [['nw', 'ABSENT']],
    query: `{ spend(groupBy: [REGION, PROVIDER]) { rows { regionCode providerId } } }`,
    variables: () => ({}),
    foreign: () => ['wales', p2.id],
  },
  { op: 'forecastOutturn', as: [['p1', 'FORBIDDEN']], query: `{ forecastOutturn { forecast { amount } } }`, variables: () => ({}) },
  {
    op: 'forecastOutturn',
    as: [['nw', 'ABSENT']],
    query: `{ forecastOutturn { regionCode financialYear } }`,
    variables: () => ({}),
    foreign: () => ['wales'],
  },
  { op: 'spendInclusion', as: [['p1', 'FORBIDDEN']], query: `{ spendInclusion { totals { providersFunded } } }`, variables: () => ({}) },
  {
    op: 'spendInclusion',
    as: [['nw', 'ABSENT']],
    query: `{ spendInclusion { rows { regionCode } } }`,
    variables: () => ({}),
    foreign: () => ['wales'],
  },
  {
    op: 'sustainabilityGap',
    as: [['p1', 'FORBIDDEN']],
    query: `{ sustainabilityGap(groupBy: [REGION]) { totals { contracts } } }`,
    variables: () => ({}),
  },
  {
    op: 'sustainabilityGap',
    as: [['nw', 'ABSENT']],
    query: `{ sustainabilityGap(groupBy: [REGION, PROVIDER]) { rows { regionCode providerId } } }`,
    variables: () => ({}),
    foreign: () => ['wales', p2.id],
  },
  { op: 'underpricedOffers', as: [['p1', 'FORBIDDEN']], query: `{ underpricedOffers(first: 10) { totalCount } }`, variables: () => ({}) },
  {
    op: 'costPerOutcome',
    as: [
      ['p1', 'FORBIDDEN'],
      ['admin', 'FORBIDDEN'],
    ],
    query: `{ costPerOutcome { measureCode } }`,
    variables: () => ({}),
  },
];
