import { AcceptsNull, explicitNullErrors } from './validation';

class Page {
  @AcceptsNull() after?: string | null;
  first?: number | null;
}

describe('explicitNullErrors', () => {
  it('names every explicit null by its path, in nested objects and lists', () => {
    const errors = explicitNullErrors({ a: null, b: { c: null, d: 1 }, e: [{ f: null }], g: undefined, h: 'x' });
    expect(errors.map((e) => [e.property, e.constraints?.notNull])).toEqual([
      ['a', 'a must not be null; leave it out instead'],
      ['b.c', 'c must not be null; leave it out instead'],
      ['e.0.f', 'f must not be null; leave it out instead'],
    ]);
  });

  it('reads null as left out on fields marked @AcceptsNull()', () => {
    const page = Object.assign(new Page(), { after: null, first: null });
    expect(explicitNullErrors(page).map((e) => e.property)).toEqual(['first']);
    expect(page.after).toBeUndefined();
  });

  it('accepts inputs without nulls, and non-objects', () => {
    expect(explicitNullErrors({ a: 1, b: [1, 'x'], c: { d: false } })).toEqual([]);
    expect(explicitNullErrors(null)).toEqual([]);
    expect(explicitNullErrors('text')).toEqual([]);
  });
});
