// W2 serviceOffers(first: 50) with each provider and its three most recent contracts.
import { OfferRow, OrganisationRow } from '../lib/floor-rows';
import { amount } from '../lib/sql-client';
import { FloorContext, FloorVariables } from './types';

export const SERVICE_OFFERS = `query W2ServiceOffers($first: Int!) {
  serviceOffers(first: $first) { edges { node { id title unitPrice { amount }
    provider { id legalName incomeBand recentContracts(first: 3) { id value { amount } } } } } }
}`;

export async function serviceOffersFloor(ctx: FloorContext, variables: FloorVariables) {
  const first = Number(variables.first);
  const principal = ctx.principal;
  if (!principal.roles.includes('COMMISSIONER')) throw new Error('the floor mirrors the commissioner view only');
  // 1. The page (commissioners see published offers), one more row to know whether more follow.
  const offers = await ctx.db.query<OfferRow>(
    `SELECT o.* FROM service_offer o WHERE (o.status = 'PUBLISHED') ORDER BY o.seq DESC LIMIT ${first + 1}`,
    [],
  );
  const page = offers.slice(0, first);
  // 2. The page's providers, each once, in first-seen order (as DataLoader batches them).
  const providerIds = [...new Set(page.map((o) => o.provider_id))];
  const providers = await ctx.db.query<OrganisationRow>('SELECT * FROM organisation WHERE id = ANY($1)', [providerIds]);
  // 3. Their three most recent contracts in the caller's regions.
  const contracts = await ctx.db.query<{ id: string; provider_id: string; value_pence: string }>(
    `SELECT * FROM (
               SELECT c.*, row_number() OVER (PARTITION BY c.provider_id ORDER BY c.seq DESC) AS rn
               FROM contract c WHERE c.provider_id = ANY($1::uuid[]) AND (c.region_code = ANY($2))
             ) ranked WHERE rn <= 3 ORDER BY provider_id, seq DESC`,
    [providerIds, principal.regions],
  );
  const providerById = new Map(providers.map((p) => [p.id, p]));
  const contractsByProvider = new Map<string, { id: string; value: { amount: string } }[]>();
  for (const c of contracts) {
    const list = contractsByProvider.get(c.provider_id) ?? [];
    list.push({ id: c.id, value: { amount: amount(c.value_pence) } });
    contractsByProvider.set(c.provider_id, list);
  }
  return {
    serviceOffers: {
      edges: page.map((o) => {
        const p = providerById.get(o.provider_id)!;
        return {
          node: {
            id: o.id,
            title: o.title,
            unitPrice: { amount: amount(o.unit_price_pence) },
            provider: { id: p.id, legalName: p.legal_name, incomeBand: p.income_band, recentContracts: contractsByProvider.get(p.id) ?? [] },
          },
        };
      }),
    },
  };
}
