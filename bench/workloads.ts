/**
 * The benchmark's workloads: for each, the GraphQL request the app gets and the floor's handler,
 * which sends the same SQL statements through raw `pg` (same transaction boundaries, same queries,
 * same parameters) and answers JSON of the same shape. The statement capture at the start of a run
 * compares the two sequences, so a floor that drifts from the app shows up in the results.
 *
 * Adding a workload is one entry in WORKLOADS: a document, a per-request variables generator and a
 * floor function.
 */
import { money } from './lib/sql-client';
import { ORGANISATION, organisationFloor } from './workloads/organisation';
import { PLACE_ORDER, placeOrderFloor, placeOrderRequests } from './workloads/place-order';
import { SERVICE_OFFERS, serviceOffersFloor } from './workloads/service-offers';
import { SPEND, spendFloor } from './workloads/spend';
import { pick, Workload } from './workloads/types';

export * from './workloads/types';
export { SERVICE_OFFERS };

export const WORKLOADS: Workload[] = [
  {
    id: 'W1-spread',
    title: 'placeOrder, spread over every region budget',
    operationName: 'W1PlaceOrder',
    document: PLACE_ORDER,
    requires: { type: 'Mutation', field: 'placeOrder' },
    writes: true,
    requests: (data) => placeOrderRequests(data.spreadTargets, data),
    floor: placeOrderFloor,
  },
  {
    id: 'W1-hot',
    title: 'placeOrder, all on one hot budget',
    operationName: 'W1PlaceOrder',
    document: PLACE_ORDER,
    requires: { type: 'Mutation', field: 'placeOrder' },
    writes: true,
    requests: (data) => placeOrderRequests(data.hotTargets, data),
    floor: placeOrderFloor,
  },
  {
    id: 'W2',
    title: 'serviceOffers(first: 50) with provider and recentContracts(first: 3)',
    operationName: 'W2ServiceOffers',
    document: SERVICE_OFFERS,
    requires: { type: 'Query', field: 'serviceOffers' },
    writes: false,
    requests: (data) => () => ({ token: data.tokens.commissioner, variables: { first: 50 } }),
    floor: serviceOffersFloor,
  },
  {
    id: 'W3',
    title: 'spend, national, grouped by region, provider and quarter',
    operationName: 'W3Spend',
    document: SPEND,
    requires: { type: 'Query', field: 'spend' },
    writes: false,
    requests: (data) => () => ({ token: data.tokens.directorate, variables: { years: [data.financialYear] } }),
    floor: spendFloor,
  },
  {
    id: 'W4',
    title: 'organisation(id)',
    operationName: 'W4Organisation',
    document: ORGANISATION,
    requires: { type: 'Query', field: 'organisation' },
    writes: false,
    requests: (data) => {
      let i = Math.floor(Math.random() * 1_000_000);
      return () => ({ token: data.tokens.commissioner, variables: { id: pick(data.organisationIds, i++) } });
    },
    floor: organisationFloor,
  },
];

export const FLOOR_HANDLERS = new Map(WORKLOADS.map((w) => [w.operationName, w.floor]));

/** `--workloads W1,W4` or ids like `W1-hot`. */
export function selectWorkloads(spec: string | undefined): Workload[] {
  if (!spec) return WORKLOADS;
  const wanted = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return WORKLOADS.filter((w) => wanted.some((x) => w.id === x || w.id.startsWith(`${x}-`)));
}

export { money };
