import type { Principal } from './principal';
import { Role } from './role';
import { scopeCondition, scopesOf } from './scope';

const principal = (roles: Role[], extra: Partial<Principal> = {}): Principal => ({ sub: 'synthetic', roles, regions: [], ...extra });

/** The parameter half of SqlFilter, recording what was bound. */
class Params {
  readonly values: unknown[] = [];
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

describe('scopesOf', () => {
  const org = '00000000-0000-4000-8000-000000000001';

  it.each([Role.ADMIN, Role.DIRECTORATE, Role.AUDITOR])('%s sees all', (role) => {
    expect(scopesOf(principal([role]), null)).toEqual([{ kind: 'ALL' }]);
  });

  it('a commissioner sees its regions, a provider its organisation', () => {
    expect(scopesOf(principal([Role.COMMISSIONER], { regions: ['wales'] }), null)).toEqual([{ kind: 'REGIONS', regions: ['wales'] }]);
    expect(scopesOf(principal([Role.PROVIDER], { org: 'GB-CHC-1' }), org)).toEqual([{ kind: 'PROVIDER', organisationId: org }]);
  });

  it('a commissioner who is also a provider sees both', () => {
    const both = principal([Role.COMMISSIONER, Role.PROVIDER], { regions: ['wales'], org: 'GB-CHC-1' });
    expect(scopesOf(both, org)).toEqual([
      { kind: 'REGIONS', regions: ['wales'] },
      { kind: 'PROVIDER', organisationId: org },
    ]);
  });

  it('where ADMIN does not see all (orders), an ADMIN who is a commissioner sees no region, as before', () => {
    const adminCommissioner = principal([Role.ADMIN, Role.COMMISSIONER], { regions: ['wales'] });
    expect(scopesOf(adminCommissioner, null, [Role.DIRECTORATE, Role.AUDITOR])).toEqual([{ kind: 'REGIONS', regions: [] }]);
    expect(scopesOf(principal([Role.ADMIN]), null, [Role.DIRECTORATE, Role.AUDITOR])).toEqual([]);
  });
});

describe('scopeCondition', () => {
  const columns = { region: 'o.region_code', provider: 'o.provider_id', providerAlso: 'o.sent_at IS NOT NULL' };

  it('adds nothing for ALL', () => {
    expect(scopeCondition([{ kind: 'ALL' }], new Params(), columns)).toBeUndefined();
  });

  it('is FALSE with no scope, or a scope the table has no column for', () => {
    expect(scopeCondition([], new Params(), columns)).toBe('FALSE');
    expect(scopeCondition([{ kind: 'REGIONS', regions: ['wales'] }], new Params(), { provider: 'o.provider_id' })).toBe('FALSE');
  });

  it('ORs the scopes, binding regions and the organisation id as parameters', () => {
    const f = new Params();
    const sql = scopeCondition(
      [
        { kind: 'REGIONS', regions: ['wales'] },
        { kind: 'PROVIDER', organisationId: 'p-1' },
      ],
      f,
      columns,
    );
    expect(sql).toBe('(o.region_code = ANY($1) OR (o.provider_id = $2::uuid AND o.sent_at IS NOT NULL))');
    expect(f.values).toEqual([['wales'], 'p-1']);
  });

  it('binds null for a provider whose organisation is not registered (matches no row)', () => {
    const f = new Params();
    expect(scopeCondition([{ kind: 'PROVIDER', organisationId: null }], f, { provider: 'c.provider_id' })).toBe('(c.provider_id = $1::uuid)');
    expect(f.values).toEqual([null]);
  });
});
