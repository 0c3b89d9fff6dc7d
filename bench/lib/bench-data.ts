/** What the requests need from the seeded database, and budgets big enough for W1 not to run out. */
import path from 'node:path';
import pg from 'pg';
import { BenchData, OrderTarget } from '../workloads';
import { ROOT } from './processes';
import { financialYearOf } from './sql-client';

/** Reads what the requests need from the seeded data; makes the current year's budgets too big to run out. */
export async function benchData(client: pg.Client, dataRoot: string): Promise<BenchData> {
  const today = new Date().toISOString().slice(0, 10);
  const financialYear = financialYearOf(today);
  await makeBudgetsRoomy(client, financialYear);
  const { spreadTargets, hotTargets, hotRegion } = await orderTargets(client);
  const organisationIds = (await client.query<{ id: string }>('SELECT id FROM organisation ORDER BY seq')).rows.map((r) => r.id);
  const financialYears = (await client.query<{ financial_year: string }>('SELECT DISTINCT financial_year FROM budget ORDER BY 1')).rows.map(
    (r) => r.financial_year,
  );
  const regions = (await client.query<{ code: string }>('SELECT code FROM region ORDER BY code')).rows.map((r) => r.code);
  return {
    today,
    financialYear,
    spreadTargets,
    hotTargets,
    hotRegion,
    organisationIds,
    financialYears,
    tokens: await tokens(dataRoot, regions, hotRegion),
  };
}

/** A budget for every region in `financialYear`, each far larger than W1 can reserve. */
async function makeBudgetsRoomy(client: pg.Client, financialYear: string): Promise<void> {
  await client.query(
    `INSERT INTO budget (region_code, financial_year, category, allocated_pence)
     SELECT code, $1, NULL, 0 FROM region ON CONFLICT (region_code, financial_year, (coalesce(category, ''))) DO NOTHING`,
    [financialYear],
  );
  await client.query(`UPDATE budget SET allocated_pence = reserved_pence + committed_pence + 1000000000000000 WHERE financial_year = $1`, [
    financialYear,
  ]);
}

/** W1's targets: one per published offer spread over the regions, and all in the region with most offers. */
async function orderTargets(client: pg.Client): Promise<Pick<BenchData, 'spreadTargets' | 'hotTargets' | 'hotRegion'>> {
  const pduRegion = new Map<string, string>(
    (await client.query<{ code: string; region_code: string }>('SELECT code, region_code FROM pdu')).rows.map((r) => [r.code, r.region_code]),
  );
  const offers = (await client.query(`SELECT id, pdu_codes FROM service_offer WHERE status = 'PUBLISHED' ORDER BY seq`)).rows as {
    id: string;
    pdu_codes: string[];
  }[];
  const spreadTargets: OrderTarget[] = [];
  offers.forEach((o, i) => {
    const pduCode = o.pdu_codes[i % o.pdu_codes.length];
    const regionCode = pduRegion.get(pduCode);
    if (regionCode) spreadTargets.push({ offerId: o.id, pduCode, regionCode });
  });
  const perRegion = new Map<string, number>();
  for (const t of spreadTargets) perRegion.set(t.regionCode, (perRegion.get(t.regionCode) ?? 0) + 1);
  const hotRegion = [...perRegion.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const hotTargets: OrderTarget[] = [];
  for (const o of offers) {
    const pduCode = o.pdu_codes.find((p) => pduRegion.get(p) === hotRegion);
    if (pduCode) hotTargets.push({ offerId: o.id, pduCode, regionCode: hotRegion });
  }
  shuffle(spreadTargets);
  shuffle(hotTargets);
  return { spreadTargets, hotTargets, hotRegion };
}

/** Tokens signed with the app's local key: a commissioner per region, and a directorate user. */
async function tokens(dataRoot: string, regions: string[], hotRegion: string): Promise<BenchData['tokens']> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built app's module, by a path known only at run time
  const { issueLocalToken } = require(path.join(ROOT, 'dist/libs/auth/src/token-issuer.js')) as {
    issueLocalToken: (dataDir: string, claims: { sub: string; roles: string[]; regions?: string[] }) => Promise<string>;
  };
  const commissionerOf: Record<string, string> = {};
  for (const region of regions) {
    commissionerOf[region] = await issueLocalToken(dataRoot, { sub: `bench-commissioner-${region}`, roles: ['COMMISSIONER'], regions: [region] });
  }
  return {
    commissionerOf,
    commissioner: commissionerOf[hotRegion],
    directorate: await issueLocalToken(dataRoot, { sub: 'bench-directorate', roles: ['DIRECTORATE'] }),
  };
}

/** Deterministic shuffle (the same order every run). */
function shuffle<T>(items: T[]): void {
  let state = 2026;
  for (let i = items.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
}
