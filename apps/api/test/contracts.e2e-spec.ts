import { randomUUID } from 'node:crypto';
import { errorCode, expectOk } from './harness/test-app';
import { app, approve, cara, colin, contractOf, gql, pay, submit, newContract, useContractsWorld, vary } from './harness/contracts-world';

describe('contracts with outcome-focused terms', () => {
  useContractsWorld();

  it('follows a contract from acceptance through reports, approvals and payments, reconciling to the penny', async () => {
    // GBP 20,000.00 over 2026-27, quarterly, 25% on outcomes: fixed 15,000.00 (3,750.00 a quarter),
    // outcome 5,000.00 (1,250.00 a quarter).
    const id = await newContract({
      quantity: 20,
      startDate: '2026-04-01',
      endDate: '2027-03-31',
      outcomeSharePercent: 25,
      outcomeTargets: [
        { measureCode: 'ACC-03', baseline: 0.2, target: 0.6, weight: 60 },
        { measureCode: 'ACC-06', baseline: 0.2, target: 0.2, weight: 40, kind: 'MAINTAIN_AT_LEAST' }, // holding the level: see below
      ],
    });
    let contract = await contractOf(id);
    expect(contract).toMatchObject({
      version: 1,
      status: 'ACTIVE',
      value: { amount: '20000.00' },
      fixedPart: { amount: '15000.00' },
      outcomePart: { amount: '5000.00' },
      paidToDate: { amount: '0.00' },
      outstanding: { amount: '20000.00' },
    });
    expect(contract.schedule.map((s: { period: string }) => s.period)).toEqual(['2026-27-Q1', '2026-27-Q2', '2026-27-Q3', '2026-27-Q4']);
    expect(contract.schedule[0]).toMatchObject({ fixedDue: { amount: '3750.00' }, outcomeAvailable: { amount: '1250.00' } });
    expect(contract.versions).toEqual([expect.objectContaining({ version: 1, reason: 'Created from an accepted order' })]);
    const [m1, m2] = contract.outcomeMeasures;
    expect(m1).toMatchObject({ code: 'ACC-03', baseline: 0.2, target: 0.6, weight: 60, direction: 'HIGHER_IS_BETTER' });

    // Q1: 0.5 on ACC-03 -> (0.5-0.2)/(0.6-0.2) = 0.75; ACC-06 (maintain at least 0.2): met when
    // actual >= 0.2 -> 1. Score 0.6*0.75 + 0.4*1 = 0.85 -> 1,062.50 earned.
    const q1 = expectOk(
      await submit(id, '2026-27-Q1', [
        { measureId: m1.id, value: 0.5 },
        { measureId: m2.id, value: 0.25 },
      ]),
    ).submitPerformanceReport;
    expect(q1).toMatchObject({ status: 'SUBMITTED', submissions: 1 });
    const q1Approved = expectOk(await approve(q1.id)).approvePerformanceReport;
    expect(q1Approved).toMatchObject({ status: 'APPROVED', score: 0.85, outcomeEarned: { amount: '1062.50' } });

    // Q2: returned, corrected, resubmitted, approved. 0.7 on ACC-03 (capped at 1), 0.1 on ACC-06 (missed): score 0.6.
    const q2 = expectOk(
      await submit(id, '2026-27-Q2', [
        { measureId: m1.id, value: 0.9 },
        { measureId: m2.id, value: 0.1 },
      ]),
    ).submitPerformanceReport;
    expect(
      errorCode(
        await submit(id, '2026-27-Q2', [
          { measureId: m1.id, value: 0.7 },
          { measureId: m2.id, value: 0.1 },
        ]),
      ),
    ).toBe('INVALID_STATE');
    const returned = expectOk(
      await gql(
        `mutation ($id: ID!) { returnPerformanceReport(id: $id, reason: "Please check ACC-03 figure") { status returnReason } }`,
        { id: q2.id },
        cara,
      ),
    ).returnPerformanceReport;
    expect(returned).toEqual({ status: 'RETURNED', returnReason: 'Please check ACC-03 figure' });
    const resubmitted = expectOk(
      await submit(id, '2026-27-Q2', [
        { measureId: m1.id, value: 0.7 },
        { measureId: m2.id, value: 0.1 },
      ]),
    ).submitPerformanceReport;
    expect(resubmitted).toMatchObject({ id: q2.id, status: 'SUBMITTED', submissions: 2 });
    expect(expectOk(await approve(q2.id)).approvePerformanceReport.outcomeEarned.amount).toBe('750.00');

    // Fixed instalments in arrears (paidOn 2026-11-20): Q1 and Q2 (ended), not Q3 (ends 2026-12-31) nor Q4.
    for (const period of ['2026-27-Q1', '2026-27-Q2']) {
      expectOk(await pay({ contractId: id, period, kind: 'FIXED', amount: '3750.00' }));
    }
    for (const period of ['2026-27-Q3', '2026-27-Q4']) {
      expect(errorCode(await pay({ contractId: id, period, kind: 'FIXED', amount: '3750.00' }))).toBe('PAYMENT_NOT_DUE');
    }
    // Outcome payments, in two parts for Q1, by a commissioner who did not approve the report.
    expect(errorCode(await pay({ contractId: id, period: '2026-27-Q1', kind: 'OUTCOME', amount: '1062.50' }, cara))).toBe('SEPARATION_OF_DUTIES');
    expectOk(await pay({ contractId: id, period: '2026-27-Q1', kind: 'OUTCOME', amount: '1000.00' }));
    expectOk(await pay({ contractId: id, period: '2026-27-Q1', kind: 'OUTCOME', amount: '62.50' }));
    expect(errorCode(await pay({ contractId: id, period: '2026-27-Q1', kind: 'OUTCOME', amount: '0.01' }))).toBe('OVERPAYMENT');
    expectOk(await pay({ contractId: id, period: '2026-27-Q2', kind: 'OUTCOME', amount: '750.00' }));
    expect(errorCode(await pay({ contractId: id, period: '2026-27-Q3', kind: 'OUTCOME', amount: '1.00' }))).toBe('PAYMENT_NOT_DUE');

    contract = await contractOf(id);
    expect(contract).toMatchObject({
      earnedToDate: { amount: '1812.50' },
      paidToDate: { amount: '9312.50' }, // 2 x 3,750 + 1,062.50 + 750
      outstanding: { amount: '10687.50' },
    });
    // Reconcile with the ledger and the schedule, in pence, straight from the database.
    const { rows } = await app.pool.query(
      `SELECT sum(amount_pence)::text AS paid, sum(amount_pence) FILTER (WHERE kind = 'OUTCOME')::text AS outcome FROM payment WHERE contract_id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ paid: '931250', outcome: '181250' });
    const schedulePaid = contract.schedule.reduce((s: number, p: { paid: { amount: string } }) => s + Math.round(Number(p.paid.amount) * 100), 0);
    expect(schedulePaid).toBe(931250);
    expect(contract.schedule[1]).toMatchObject({ outcomeEarned: { amount: '750.00' }, outcomePaid: { amount: '750.00' }, reportStatus: 'APPROVED' });
    expect(contract.outcomeAchievement).toEqual([
      { financialYear: '2026-27', band: 'NEAR_TARGET', score: 0.725, periodsApproved: 2 },
      { financialYear: 'contract', band: 'NEAR_TARGET', score: 0.725, periodsApproved: 2 },
    ]);
    // The deprecated field answers in the old labels until clients move.
    expect(contract.ratings).toEqual([
      { financialYear: '2026-27', rating: 'APPROACHING_TARGET', score: 0.725, periodsApproved: 2 },
      { financialYear: 'contract', rating: 'APPROACHING_TARGET', score: 0.725, periodsApproved: 2 },
    ]);
  });

  it('corrects a payment with a reversing entry, never an edit', async () => {
    const id = await newContract({ quantity: 4, startDate: '2026-04-01', endDate: '2026-09-30' });
    const payment = expectOk(await pay({ contractId: id, period: '2026-27-Q1', kind: 'FIXED', amount: '1600.00' })).recordPayment;
    const reverse = (key = randomUUID()) =>
      gql(
        `mutation ($input: ReversePaymentInput!) { reversePayment(input: $input) { amount { amount } reversesPaymentId period kind } }`,
        { input: { paymentId: payment.id, reason: 'Paid to the wrong account', idempotencyKey: key } },
        colin,
      );
    expect(expectOk(await reverse()).reversePayment).toEqual({
      amount: { amount: '-1600.00' },
      reversesPaymentId: payment.id,
      period: '2026-27-Q1',
      kind: 'FIXED',
    });
    expect(errorCode(await reverse())).toBe('INVALID_STATE');
    expect((await contractOf(id)).paidToDate.amount).toBe('0.00');
    expectOk(await pay({ contractId: id, period: '2026-27-Q1', kind: 'FIXED', amount: '1600.00' }));
    await expect(app.pool.query(`UPDATE payment SET amount_pence = 1 WHERE contract_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(app.pool.query(`DELETE FROM payment WHERE contract_id = $1`, [id])).rejects.toThrow(/append-only/);
  });

  it('varies a contract: new version, budget commitment moves, history is protected', async () => {
    const id = await newContract({ quantity: 10, startDate: '2026-04-01', endDate: '2026-12-31', reportingPeriod: 'MONTHLY' });
    const budgetOf = async () =>
      expectOk(await gql(`{ budgets(filter: { financialYears: ["2026-27"], regionCodes: ["north-west"] }) { committed { amount } } }`, {}, cara))
        .budgets[0].committed.amount;
    const committedBefore = Number(await budgetOf());
    const contract = await contractOf(id);
    expect(contract.schedule).toHaveLength(9);

    const varied = expectOk(
      await vary({
        contractId: id,
        expectedVersion: 1,
        changes: {
          value: '12000.00',
          endDate: '2027-02-28',
          outcomeMeasures: [
            { id: contract.outcomeMeasures[0].id, target: 0.55, weight: 60 },
            { id: contract.outcomeMeasures[1].id, weight: 40 },
          ],
        },
        reason: 'Extended to cover winter demand',
      }),
    ).varyContract;
    expect(varied).toMatchObject({ version: 2, value: { amount: '12000.00' }, endDate: '2027-02-28' });
    expect(Number(await budgetOf()) - committedBefore).toBe(2000);
    const after = await contractOf(id);
    expect(after.schedule).toHaveLength(11);
    expect(after.versions.map((v: { version: number; reason: string }) => [v.version, v.reason])).toEqual([
      [1, 'Created from an accepted order'],
      [2, 'Extended to cover winter demand'],
    ]);
    expect(after.outcomeMeasures.map((m: { target: number; weight: number }) => [m.target, m.weight])).toEqual([
      [0.55, 60],
      [0.7, 40],
    ]);

    expect(errorCode(await vary({ contractId: id, expectedVersion: 1, changes: { status: 'SUSPENDED' }, reason: 'Stale' }))).toBe('CONFLICT');
    expect(errorCode(await vary({ contractId: id, expectedVersion: 2, changes: { value: '99999999.00' }, reason: 'Too much' }))).toBe(
      'BUDGET_EXCEEDED',
    );
    expect(
      errorCode(
        await vary({
          contractId: id,
          expectedVersion: 2,
          changes: { outcomeMeasures: [{ id: contract.outcomeMeasures[0].id, weight: 70 }] },
          reason: 'Bad weights',
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    // A variation may not lower an improvement target onto (or past) its baseline (issue 13; the rule: varied-target.spec.ts).
    const baseline = contract.outcomeMeasures[0].baseline as number;
    const worse = await vary({
      contractId: id,
      expectedVersion: 2,
      changes: { outcomeMeasures: [{ id: contract.outcomeMeasures[0].id, target: baseline }] },
      reason: 'Pays for no improvement',
    });
    expect(errorCode(worse)).toBe('BAD_USER_INPUT');
    expect(worse.errors![0].message).toMatch(/may not be its baseline/);
    expect(worse.errors![0].extensions).toMatchObject({ field: 'changes.outcomeMeasures.target' });

    expectOk(await pay({ contractId: id, period: '2026-04', kind: 'FIXED', amount: '800.00' }));
    const shrink = await vary({ contractId: id, expectedVersion: 2, changes: { value: '1000.00' }, reason: 'Cut' });
    expect(errorCode(shrink)).toBe('INVALID_VARIATION');
    const drop = await vary({ contractId: id, expectedVersion: 2, changes: { endDate: '2026-03-31' }, reason: 'Before start' });
    expect(errorCode(drop)).toBe('BAD_USER_INPUT');

    // Terminated today: the periods that begin after today can no longer be paid, and their money
    // leaves the commitment (the schedule keeps the agreed amounts; schedule.e2e-spec.ts has fixed dates).
    const today = new Date().toISOString().slice(0, 10);
    const unstarted = (await contractOf(id)).schedule
      .filter((p: { startDate: string }) => p.startDate > today)
      .reduce(
        (sum: number, p: { fixedDue: { amount: string }; outcomeAvailable: { amount: string } }) =>
          sum + Number(p.fixedDue.amount) + Number(p.outcomeAvailable.amount),
        0,
      );
    expect(
      expectOk(await vary({ contractId: id, expectedVersion: 2, changes: { status: 'TERMINATED' }, reason: 'Provider closing' })).varyContract.status,
    ).toBe('TERMINATED');
    expect(errorCode(await vary({ contractId: id, expectedVersion: 3, changes: { status: 'ACTIVE' }, reason: 'Reopen' }))).toBe('INVALID_STATE');
    expect(Number(await budgetOf()) - committedBefore).toBeCloseTo(2000 - unstarted, 2);
  });
});
