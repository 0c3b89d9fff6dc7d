import { Role } from '@mkt/auth';
import { financialQuarterOf, financialYearOf } from '@mkt/common';
import {
  awardContract,
  ContractHandle,
  createPublishedOffer,
  declareSubcontractor,
  recordPayment,
  registerOrganisation,
  reportAndApprove,
  reportContribution,
  reportFundingPassedDown,
  setBudget,
} from './harness/contract-factories';
import { ProviderHandle } from './harness/factories';
import { SHARED_SCHEMAS, sharedSchemasDrift, sharedSchemasPresent, validateReleasePackage } from './harness/ocds-validator';
import { errorCode, expectOk, startTestApp, TestApp } from './harness/test-app';

const PUBLISH = `mutation ($financialYear: String!, $quarter: Int!, $correctionReason: String) {
  publishSupplyChain(financialYear: $financialYear, quarter: $quarter, correctionReason: $correctionReason) {
    id financialYear quarter revision supersedesId correctionReason contracts jsonUrl csvUrl quarterUrl sha256 } }`;

type Release = {
  ocid: string;
  parties: {
    id: string;
    name: string;
    roles: string[];
    identifier: { scheme: string; id: string };
    additionalIdentifiers?: { scheme: string; id: string }[];
  }[];
  awards: { subcontracting: { value: { amount: number }; subcontracts: { subcontractor: { id: string }; mainContractors: { id: string }[] }[] } }[];
  contracts: {
    id: string;
    value: { amount: number; currency: string };
    agreedMetrics: { id: string }[];
    implementation: {
      transactions: { value: { amount: number }; date: string }[];
      metrics: { id: string; observations: { id: string; measure?: number; value?: { amount: number }; dimensions: Record<string, string> }[] }[];
    };
  }[];
};

/**
 * The drift check needs the originals beside the repository (CI and the main checkout have them; a
 * worktree does not): without them it is skipped, and says why in its name, rather than passing.
 */
const withSharedSchemas = sharedSchemasPresent() ? it : it.skip;
const sharedSchemasNote = sharedSchemasPresent() ? '' : ` [skipped: ${SHARED_SCHEMAS} is absent; OCDS_SHARED_DIR points elsewhere]`;

describe('quarterly supply-chain publication', () => {
  let app: TestApp;
  let directorate: string;
  let cara: string;
  let colin: string;
  let prime: ProviderHandle;
  let active: ContractHandle;
  let tier2: string;
  let tier3: string;
  const get = (path: string, token?: string) => fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const publish = (variables: Record<string, unknown>, token = directorate) => app.gql(PUBLISH, variables, token);

  beforeAll(async () => {
    app = await startTestApp({ PUBLIC_BASE_URL: 'https://marketplace.example.org' });
    directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'publisher-pat' });
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'colin' });
    await setBudget(app, 'north-west', '2026-27', '100000.00');
    prime = await registerOrganisation(app, {
      incomeBand: 'FROM_100K_TO_1M',
      organisationType: 'REGISTERED_CHARITY',
      regionCodes: ['north-west'],
      legalName: 'Mersey Housing Trust (synthetic)',
    });
    const offer = await createPublishedOffer(app, prime, {
      outcomeCommitments: [
        { measureCode: 'ACC-03', expectedRate: 0.5 },
        { measureCode: 'ACC-06', expectedRate: 0.7 },
      ],
    });
    active = await awardContract(app, cara, prime, {
      offerId: offer.id,
      pduCode: 'liverpool-north',
      quantity: 6,
      startDate: '2026-05-01',
      endDate: '2026-08-31',
    });
    await awardContract(app, cara, prime, {
      offerId: offer.id,
      pduCode: 'liverpool-north',
      quantity: 1,
      startDate: '2026-10-01',
      endDate: '2026-10-31',
    });

    await recordPayment(app, cara, {
      contractId: active.id,
      period: '2026-27-Q1',
      kind: 'FIXED',
      amount: active.schedule[0].fixedDue,
      paidOn: '2026-06-30', // in arrears: the period's last day
    });
    await recordPayment(app, cara, {
      contractId: active.id,
      period: '2026-27-Q2',
      kind: 'FIXED',
      amount: active.schedule[1].fixedDue,
      paidOn: '2026-08-31', // the contract's last day, in its last period
    });
    const { earned } = await reportAndApprove(app, prime, cara, active, '2026-27-Q1', [0.5, 0.35]);
    await recordPayment(app, colin, { contractId: active.id, period: '2026-27-Q1', kind: 'OUTCOME', amount: earned, paidOn: '2026-06-30' });

    tier2 = await declareSubcontractor(app, prime, {
      contractId: active.id,
      identifier: 'GB-CHC-1234567',
      name: 'Wirral Tenancy Friends (synthetic)',
      tier: 2,
      serviceSummary: 'Tenancy sustainment visits in the first three months',
    });
    tier3 = await declareSubcontractor(app, prime, {
      contractId: active.id,
      identifier: 'GB-COH-12345678',
      name: 'Fix-It Repairs Ltd (synthetic)',
      tier: 3,
      parentSubcontractorId: tier2,
      serviceSummary: '=Small repairs so that new tenancies start safely',
    });
    await reportFundingPassedDown(app, prime, {
      contractId: active.id,
      subcontractorId: tier2,
      financialYear: '2026-27',
      quarter: 1,
      amount: '900.00',
    });
    await reportFundingPassedDown(app, prime, {
      contractId: active.id,
      subcontractorId: tier3,
      financialYear: '2026-27',
      quarter: 1,
      amount: '250.50',
    });
    await reportFundingPassedDown(app, prime, {
      contractId: active.id,
      subcontractorId: tier2,
      financialYear: '2026-27',
      quarter: 2,
      amount: '400.00',
    });
    await reportContribution(app, prime, {
      contractId: active.id,
      subcontractorId: tier2,
      financialYear: '2026-27',
      quarter: 1,
      contributions: [{ measureId: active.measures[0].id, value: 0.2 }],
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  withSharedSchemas(`keeps its copy of the OCDS schemas identical to ../shared/ocds${sharedSchemasNote}`, () => {
    expect(sharedSchemasDrift()).toEqual([]);
  });

  it('is published by the directorate only, for ended quarters with contracts', async () => {
    expect(errorCode(await publish({ financialYear: '2026-27', quarter: 1 }, cara))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(PUBLISH, { financialYear: '2026-27', quarter: 1 }))).toBe('UNAUTHENTICATED');
    const today = new Date().toISOString().slice(0, 10);
    expect(errorCode(await publish({ financialYear: financialYearOf(today), quarter: financialQuarterOf(today) }))).toBe('QUARTER_NOT_ENDED');
    expect(errorCode(await publish({ financialYear: '2025-26', quarter: 2 }))).toBe('NOTHING_TO_PUBLISH');
    expect(errorCode(await publish({ financialYear: '2026-28', quarter: 1 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await publish({ financialYear: '2026-27', quarter: 5 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await publish({ financialYear: '2026-27', quarter: 1, correctionReason: 'Nothing to correct yet' }))).toBe('BAD_USER_INPUT');
  });

  describe('a published quarter', () => {
    let first: { id: string; revision: number; jsonUrl: string; quarterUrl: string; sha256: string; contracts: number };
    let firstBody: string;
    let pkg: { uri: string; releases: Release[]; extensions: string[] };

    beforeAll(async () => {
      first = expectOk(await publish({ financialYear: '2026-27', quarter: 1 })).publishSupplyChain;
      const response = await get('/publications/supply-chain/2026-27-Q1.json');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      firstBody = await response.text();
      pkg = JSON.parse(firstBody);
    });

    it('is a valid OCDS 1.1 release package with the subcontracting and metrics extensions', () => {
      expect(first).toMatchObject({
        revision: 1,
        contracts: 1,
        jsonUrl: 'https://marketplace.example.org/publications/supply-chain/2026-27-Q1/1.json',
        quarterUrl: 'https://marketplace.example.org/publications/supply-chain/2026-27-Q1.json',
      });
      expect(validateReleasePackage(pkg)).toEqual([]);
      expect(pkg.uri).toBe(first.jsonUrl);
      expect(pkg.extensions).toHaveLength(2);
      expect(pkg.releases.map((r) => r.contracts[0].id)).toEqual([active.id]); // the October contract was not active in Q1
    });

    it('names the prime and its tier 2 and 3 subcontractors with org-id identifiers and roles', () => {
      const [release] = pkg.releases;
      const party = (id: string) => release.parties.find((p) => p.id === id)!;
      expect(release.parties.map((p) => p.roles[0]).sort()).toEqual(['buyer', 'subcontractor', 'subcontractor', 'supplier']);
      expect(party(prime.identifier)).toMatchObject({
        name: 'Mersey Housing Trust (synthetic)',
        roles: ['supplier'],
        identifier: { scheme: 'GB-CHC' },
      });
      expect(party('GB-CHC-1234567').identifier).toEqual({ scheme: 'GB-CHC', id: '1234567', legalName: 'Wirral Tenancy Friends (synthetic)' });
      expect(party('GB-COH-12345678').identifier).toMatchObject({ scheme: 'GB-COH', id: '12345678' });
      const subcontracting = release.awards[0].subcontracting;
      expect(subcontracting.value.amount).toBe(900); // passed to tier 2 up to the end of Q1 (Q2's 400.00 is later)
      expect(subcontracting.subcontracts.map((s) => [s.subcontractor.id, s.mainContractors[0].id])).toEqual([
        ['GB-CHC-1234567', prime.identifier],
        ['GB-COH-12345678', 'GB-CHC-1234567'],
      ]);
    });

    it('carries targets, actuals, contributions, funding passed down and payments up to the end of the quarter', () => {
      const [release] = pkg.releases;
      const contract = release.contracts[0];
      expect(contract.value).toEqual({ amount: Number(active.value), currency: 'GBP' });
      expect(contract.agreedMetrics.map((m) => m.id)).toEqual(['ACC-03', 'ACC-06']);
      const tx = contract.implementation.transactions;
      expect(tx.map((t) => t.date)).toEqual(['2026-06-30T00:00:00Z', '2026-06-30T00:00:00Z']); // Q2's (31 August) is after the quarter
      expect(typeof tx[0].value.amount).toBe('number');
      expect(tx[0].value.amount).toBe(Number(active.schedule[0].fixedDue));
      const metric = (id: string) => contract.implementation.metrics.find((m) => m.id === id)!;
      expect(metric('ACC-03').observations.map((o) => [o.measure, o.dimensions.organisation])).toEqual([
        [0.5, prime.identifier],
        [0.2, 'GB-CHC-1234567'],
      ]);
      expect(metric('fundingPassedDown').observations.map((o) => [o.dimensions.organisation, o.value!.amount])).toEqual([
        ['GB-CHC-1234567', 900],
        ['GB-COH-12345678', 250.5],
      ]);
    });

    it('holds no personal data: no narratives, references or staff identities', () => {
      for (const needle of ['Synthetic report', 'FIN-', 'cara', 'colin', 'publisher-pat', 'bid-manager']) expect(firstBody).not.toContain(needle);
    });

    it('is also a flat CSV table, one line per organisation per contract', async () => {
      const response = await get('/publications/supply-chain/2026-27-Q1.csv');
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await response.text()).trimEnd().split('\r\n');
      expect(lines[0].split(',').slice(0, 4)).toEqual(['financialYear', 'quarter', 'revision', 'ocid']);
      expect(lines).toHaveLength(4);
      expect(lines[1]).toContain(',prime,1,');
      expect(lines[2]).toContain(',subcontractor,2,GB-CHC-1234567,');
      expect(lines[2]).toContain(',900.00,900.00,ACC-03: 0.2');
      // Text a spreadsheet would run as a formula is neutralised.
      expect(lines[3]).toContain(`,'=Small repairs so that new tenancies start safely,250.50,250.50,`);
    });

    it('is listed, cannot be changed, and a correction supersedes it while both stay available', async () => {
      await expect(app.pool.query(`UPDATE supply_chain_publication SET contracts = 2`)).rejects.toThrow(/append-only/);
      await expect(app.pool.query(`DELETE FROM supply_chain_publication`)).rejects.toThrow(/append-only/);
      expect(errorCode(await publish({ financialYear: '2026-27', quarter: 1 }))).toBe('BAD_USER_INPUT');

      await reportFundingPassedDown(app, prime, {
        contractId: active.id,
        subcontractorId: tier2,
        financialYear: '2026-27',
        quarter: 1,
        amount: '950.00',
      });
      const correction = expectOk(
        await publish({ financialYear: '2026-27', quarter: 1, correctionReason: 'Tier 2 funding for Q1 was reported short' }),
      ).publishSupplyChain;
      expect(correction).toMatchObject({ revision: 2, supersedesId: first.id, correctionReason: 'Tier 2 funding for Q1 was reported short' });

      const latest = await get('/publications/supply-chain/2026-27-Q1.json');
      expect(latest.headers.get('x-publication-revision')).toBe('2');
      const corrected = JSON.parse(await latest.text()) as { releases: Release[] };
      expect(validateReleasePackage(corrected)).toEqual([]);
      expect(corrected.releases[0].awards[0].subcontracting.value.amount).toBe(950);

      const original = await get('/publications/supply-chain/2026-27-Q1/1.json');
      expect(original.headers.get('cache-control')).toContain('immutable');
      expect(await original.text()).toBe(firstBody);
      expect((await get('/publications/supply-chain/2026-27-Q1/2.csv')).status).toBe(200);

      const list = (await (await get('/publications/supply-chain')).json()) as { publications: { revision: number; supersedesId: string | null }[] };
      expect(list.publications.map((p) => [p.revision, p.supersedesId])).toEqual([
        [2, first.id],
        [1, null],
      ]);
      const audit = await app.pool.query(`SELECT action FROM audit_event WHERE entity_type = 'SupplyChainPublication' ORDER BY seq`);
      expect(audit.rows.map((r) => r.action)).toEqual(['supplyChain.published', 'supplyChain.corrected']);
    });

    it('answers unknown publications with 404', async () => {
      for (const path of [
        '/publications/supply-chain/2026-27-Q2.json',
        '/publications/supply-chain/2026-27-Q1/9.json',
        '/publications/supply-chain/nonsense',
      ]) {
        const response = await get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
      }
    });
  });
});
