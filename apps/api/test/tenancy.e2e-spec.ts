import { GraphQLSchemaHost } from '@nestjs/graphql';
import { errorCode, expectOk, GqlResult } from './harness/test-app';
import { READ_CASES } from './harness/tenancy-read-cases';
import { WRITE_CASES } from './harness/tenancy-write-cases';
import { app, ids, run, t, useTenancyWorld, walesFingerprint } from './harness/tenancy-world';

/**
 * The tenancy matrix: for every query and mutation, callers of one region or organisation try the
 * records of another. Nothing foreign is returned or changed, nested fields included. The matrix
 * must name every operation in the schema, so a new operation cannot skip it.
 */
describe('tenancy matrix', () => {
  useTenancyWorld();
  const CASES = [...READ_CASES, ...WRITE_CASES];

  it('names every query and mutation of the schema', () => {
    const schema = app.nest.get(GraphQLSchemaHost).schema;
    const operations = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];
    const covered = new Set(CASES.map((c) => c.op));
    expect(operations.filter((op) => !covered.has(op))).toEqual([]);
  });

  it('returns and changes nothing foreign, for every operation and role', async () => {
    const before = await walesFingerprint();
    const failures: string[] = [];
    for (const c of CASES) {
      for (const [who, expected] of c.as) {
        const result: GqlResult = await run(c.query, c.variables(), who ? t[who] : undefined);
        const body = JSON.stringify(result.data ?? null);
        if (expected === 'ABSENT') {
          const leaked = c.foreign!().filter((id) => body.includes(id));
          if (result.errors?.length || leaked.length)
            failures.push(`${c.op} as ${who}: ${result.errors ? errorCode(result) : `leaked ${leaked.join(', ')}`}`);
        } else {
          const code = errorCode(result);
          const leaked = Object.values(ids).filter((id) => id.length > 10 && body.includes(id) && !JSON.stringify(c.variables()).includes(id));
          if (code !== expected || leaked.length)
            failures.push(`${c.op} as ${who ?? 'anonymous'}: expected ${expected}, got ${code ?? 'success'} ${leaked.join(',')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await walesFingerprint()).toBe(before);
  });

  it('still lets each tenant reach its own records (the probes above were not vacuous)', async () => {
    expect(expectOk(await run(`query ($id: ID!) { contract(id: $id) { id } }`, { id: ids.contract2 }, t.wales)).contract.id).toBe(ids.contract2);
    expect(expectOk(await run(`query ($id: ID!) { order(id: $id) { id } }`, { id: ids.order2 }, t.p2)).order.id).toBe(ids.order2);
    expect(expectOk(await run(`query ($id: ID!) { serviceOffer(id: $id) { id } }`, { id: ids.draft2 }, t.p2)).serviceOffer.id).toBe(ids.draft2);
    const nested = expectOk(
      await run(`{ serviceOffers(first: 100) { edges { node { provider { recentContracts(first: 20) { id } } } } } }`, {}, t.directorate),
    );
    expect(JSON.stringify(nested)).toContain(ids.contract2);
    expect(
      expectOk(await run(`query ($id: ID!) { order(id: $id) { budget { regionCode } } }`, { id: ids.order2 }, t.wales)).order.budget.regionCode,
    ).toBe('wales');
  });
});
