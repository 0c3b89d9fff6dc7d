import { parseRole, Role } from './role';

describe('parseRole', () => {
  it('accepts each role name in any ASCII letter case', () => {
    expect(parseRole('ADMIN')).toBe(Role.ADMIN);
    expect(parseRole('commissioner')).toBe(Role.COMMISSIONER);
    expect(parseRole('Provider')).toBe(Role.PROVIDER);
  });

  it.each([
    ['commıssıoner', 'dotless i (U+0131), which toUpperCase turns into I'],
    ['ADMİN', 'dotted capital I (U+0130)'],
    ['commiſſioner', 'long s (U+017F), which toUpperCase turns into S'],
    [' ADMIN', 'a leading space'],
    ['ADMIN ', 'a trailing space'],
    ['ADMIN\n', 'a trailing newline'],
    ['ＡＤＭＩＮ', 'full-width letters'],
    ['', 'nothing'],
  ])('refuses %j (%s)', (value) => {
    expect(parseRole(value)).toBeUndefined();
  });
});
