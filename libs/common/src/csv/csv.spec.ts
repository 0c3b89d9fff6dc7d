import { csvField, csvLine } from './csv';

describe('csv', () => {
  it('quotes fields with commas, quotes and line breaks, and ends lines CRLF', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', null, 3, 10n])).toBe('a,"b,c","say ""hi""","two\nlines",,3,10\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula, but not negative amounts', () => {
    expect(csvField('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvField('+44 20')).toBe("'+44 20");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField('-x')).toBe("'-x");
  });
});
