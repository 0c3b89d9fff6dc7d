import { findLoneSurrogate, loneSurrogateError } from './lone-surrogates';

describe('lone surrogates', () => {
  it('finds a lone high or low surrogate in strings, lists and keys, with its path', () => {
    expect(findLoneSurrogate('\ud800', 'name')).toEqual({ path: 'name', unit: 'U+D800' });
    expect(findLoneSurrogate({ a: ['ok', 'x\udfffy'] }, 'input')).toEqual({ path: 'input.a.1', unit: 'U+DFFF' });
    expect(findLoneSurrogate({ ['k\udc00']: 1 }, 'input')).toEqual({ path: 'input.k\udc00', unit: 'U+DC00' });
    // A pair in the wrong order is two lone surrogates.
    expect(findLoneSurrogate('\ude00\ud83d', 'v')).toEqual({ path: 'v', unit: 'U+DE00' });
  });

  it('accepts well-formed text, pairs included, and non-strings', () => {
    expect(findLoneSurrogate({ a: '\ud83d\ude00 é', b: [1, null, true], c: { d: '' } }, 'input')).toBeUndefined();
  });

  it('walks deep nesting without overflowing the stack', () => {
    let deep: unknown = '\ud800';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(findLoneSurrogate(deep, 'v')?.unit).toBe('U+D800');
  });

  it('names the variable in a BAD_USER_INPUT error', () => {
    const error = loneSurrogateError({ ok: 'fine', input: { legalName: 'a\ud800' } });
    expect(error?.message).toBe('Variable "$input" at "input.legalName" holds a lone UTF-16 surrogate (U+D800); send well-formed Unicode text');
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.legalName' });
    expect(loneSurrogateError(undefined)).toBeUndefined();
  });
});
