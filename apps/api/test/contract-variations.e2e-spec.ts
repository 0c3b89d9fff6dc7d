import { Role } from '@mkt/auth';
import { awardContract, ContractHandle, createPublishedOffer, setBudget } from './harness/contract-factories';
import { ProviderHandle, registerProvider } from './harness/factories';
import { errorCode, expectOk, GqlResult, startTestApp, TestApp } from './harness/test-app';

/**
 * Two-sided variations (issue 13): a commissioner proposes a change of terms, and nothing changes
 * until the contract's provider agrees it; status changes stay immediate and unilateral.
 */
describe('two-sided contract variations', () => {
  let app: TestApp;
  let cara: string;
  let provider: ProviderHandle;
  let stranger: ProviderHandle;
  let offerId: string;

  const VARIATION = 'id status againstVersion changes reason proposedBy answeredBy answerReason';
  const CONTRACT = `id version value { amount } endDate status pendingVariation { ${VARIATION} } variations { id status }
    versions { version reason }`;
  const propose = (contractId: string, expectedVersion: number, changes: Record<string, unknown>, token = cara) =>
    app.gql(
      `mutation ($input: VaryContractInput!) { varyContract(input: $input) { ${CONTRACT} } }`,
      { input: { contractId, expectedVersion, changes, reason: 'Two more referrals agreed' } },
      token,
    );
  const agree = (id: string, token = provider.token) =>
    app.gql(`mutation ($id: ID!) { agreeContractVariation(variationId: $id) { ${CONTRACT} } }`, { id }, token);
  const reject = (id: string, token = provider.token) =>
    app.gql(`mutation ($id: ID!) { rejectContractVariation(variationId: $id, reason: "Not at this price") { ${VARIATION} } }`, { id }, token);
  const withdraw = (id: string, token = cara) =>
    app.gql(`mutation ($id: ID!) { withdrawContractVariation(variationId: $id, reason: "Superseded") { ${VARIATION} } }`, { id }, token);
  const contractOf = async (id: string, token = cara) =>
    expectOk(await app.gql(`query ($id: ID!) { contract(id: $id) { ${CONTRACT} } }`, { id }, token)).contract;
  const committed = async () =>
    (await app.pool.query(`SELECT committed_pence::text AS c FROM budget WHERE region_code = 'north-west' AND financial_year = '2026-27'`)).rows
      .map((r) => BigInt(r.c))
      .reduce((a, b) => a + b, 0n);
  const newContract = (): Promise<ContractHandle> =>
    awardContract(app, cara, provider, { offerId, pduCode: 'liverpool-north', quantity: 10, startDate: '2026-04-01', endDate: '2027-03-31' });
  const pendingId = (r: GqlResult) => expectOk(r).varyContract.pendingVariation.id as string;

  beforeAll(async () => {
    // About schedules and variations, not approval: the provider's running total passes the default
    // scheme of delegation, so orders go straight to it (delegation: award-routes.e2e-spec.ts).
    app = await startTestApp({ ORDER_EXPIRY_SWEEP_SECONDS: '0', DELEGATION_SCHEME: 'PEER_COMMISSIONER:10000000.00' });
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    await setBudget(app, 'north-west', '2026-27', '200000.00');
    provider = await registerProvider(app);
    stranger = await registerProvider(app);
    offerId = (await createPublishedOffer(app, provider, { unitPrice: '850.00', capacityPerMonth: 100 })).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('changes nothing until the provider agrees, then applies the variation once', async () => {
    const c = await newContract();
    const before = await committed();
    const proposed = expectOk(await propose(c.id, 1, { value: '10200.00' })).varyContract;
    // The contract as it stands, with the proposal visible.
    expect(proposed).toMatchObject({ version: 1, value: { amount: '8500.00' }, versions: [{ version: 1 }] });
    expect(proposed.pendingVariation).toMatchObject({ status: 'PROPOSED', againstVersion: 1, changes: { value: '10200.00' }, proposedBy: 'cara' });
    expect(await committed()).toBe(before);
    // The provider sees it too.
    expect((await contractOf(c.id, provider.token)).pendingVariation.id).toBe(proposed.pendingVariation.id);

    const agreed = expectOk(await agree(proposed.pendingVariation.id)).agreeContractVariation;
    expect(agreed).toMatchObject({ version: 2, value: { amount: '10200.00' }, pendingVariation: null });
    expect(agreed.variations).toEqual([{ id: proposed.pendingVariation.id, status: 'AGREED' }]);
    expect(agreed.versions.map((v: { reason: string }) => v.reason)).toEqual(['Created from an accepted order', 'Two more referrals agreed']);
    expect((await committed()) - before).toBe(170_000n);
    const { rows } = await app.pool.query(`SELECT action FROM audit_event WHERE entity_id = ANY($1) ORDER BY seq`, [
      [c.id, proposed.pendingVariation.id],
    ]);
    expect(rows.map((r) => r.action)).toEqual(['contract.created', 'contract.variation.proposed', 'contract.variation.agreed', 'contract.varied']);
  });

  it('keeps one open proposal at a time; a rejected one changes nothing', async () => {
    const c = await newContract();
    const first = pendingId(await propose(c.id, 1, { endDate: '2027-02-28' }));
    expect(errorCode(await propose(c.id, 1, { value: '9350.00' }))).toBe('VARIATION_PENDING');
    const rejected = expectOk(await reject(first)).rejectContractVariation;
    expect(rejected).toMatchObject({ status: 'REJECTED', answerReason: 'Not at this price', answeredBy: `bid-manager-${provider.identifier}` });
    expect(errorCode(await agree(first))).toBe('INVALID_STATE');
    expect(await contractOf(c.id)).toMatchObject({ version: 1, endDate: '2027-03-31', pendingVariation: null });
    // A new proposal may follow, and be withdrawn by the commissioner.
    const second = pendingId(await propose(c.id, 1, { value: '9350.00' }));
    expect(expectOk(await withdraw(second)).withdrawContractVariation.status).toBe('WITHDRAWN');
    expect((await contractOf(c.id)).variations.map((v: { status: string }) => v.status)).toEqual(['REJECTED', 'WITHDRAWN']);
  });

  it('lets only the contract’s provider answer, and never the proposer', async () => {
    const c = await newContract();
    const id = pendingId(await propose(c.id, 1, { value: '9350.00' }));
    expect(errorCode(await agree(id, stranger.token))).toBe('NOT_FOUND');
    expect(errorCode(await reject(id, stranger.token))).toBe('NOT_FOUND');
    expect(errorCode(await agree(id, cara))).toBe('FORBIDDEN'); // a commissioner cannot agree
    expect(errorCode(await withdraw(id, provider.token))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(`query ($id: ID!) { contract(id: $id) { id } }`, { id: c.id }, stranger.token))).toBe('NOT_FOUND');
    expectOk(await withdraw(id));
    // One principal holding both roles proposes; the same principal may not agree it.
    const both = await app.token({ roles: [Role.COMMISSIONER, Role.PROVIDER], regions: ['north-west'], org: provider.identifier, sub: 'both' });
    const own = pendingId(await propose(c.id, 1, { value: '9350.00' }, both));
    expect(errorCode(await agree(own, both))).toBe('SEPARATION_OF_DUTIES');
    expect((await contractOf(c.id)).version).toBe(1);
  });

  it('refuses to agree a proposal made against a version that has since changed (CONFLICT)', async () => {
    const c = await newContract();
    const id = pendingId(await propose(c.id, 1, { value: '9350.00' }));
    // A status change is the commissioner's remedy: immediate, unilateral, a new version.
    const suspended = expectOk(
      await app.gql(
        `mutation ($input: VaryContractInput!) { varyContract(input: $input) { version status } }`,
        { input: { contractId: c.id, expectedVersion: 1, changes: { status: 'SUSPENDED' }, reason: 'Safeguarding review' } },
        cara,
      ),
    ).varyContract;
    expect(suspended).toEqual({ version: 2, status: 'SUSPENDED' });
    const stale = await agree(id);
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(await contractOf(c.id)).toMatchObject({ version: 2, value: { amount: '8500.00' }, pendingVariation: { id, status: 'PROPOSED' } });
  });

  it('applies a proposal once when the provider agrees it twice at the same time', async () => {
    const c = await newContract();
    const before = await committed();
    const id = pendingId(await propose(c.id, 1, { value: '10200.00' }));
    const answers = await Promise.all(Array.from({ length: 4 }, () => agree(id)));
    expect(answers.filter((a) => !a.errors).length).toBe(1);
    expect(answers.filter((a) => a.errors).map(errorCode)).toEqual(['INVALID_STATE', 'INVALID_STATE', 'INVALID_STATE']);
    const { rows } = await app.pool.query(
      `SELECT c.version, (SELECT count(*)::int FROM contract_version v WHERE v.contract_id = c.id) AS versions FROM contract c WHERE c.id = $1`,
      [c.id],
    );
    expect(rows[0]).toEqual({ version: 2, versions: 2 });
    expect((await committed()) - before).toBe(170_000n);
  });
});
