import { findPersonalIdentifier, normaliseForIdentifierCheck } from './personal-identifiers';

describe('personal identifiers in free text', () => {
  it.each([
    ['Referral for X123456 please', 'a case reference number (CRN)'],
    ['prisoner a1234bc released Monday', 'a prison number'],
    ['PNC 2012/0123456A', 'a PNC id'],
    ['NI AB 12 34 56 C', 'a National Insurance number'],
  ])('finds one in %p', (text, kind) => {
    expect(findPersonalIdentifier(text)).toBe(kind);
  });

  it.each([
    'Twelve referrals for the Liverpool North PDU, starting in May',
    'Company SC123456 delivers the groups', // a company number is not personal
    'Invoice FIN-0001 for 2026-27-Q1',
    'Order 3f0b6a52-8c1e-4b8e-9d7a-2a6f1c0e9b11',
  ])('lets ordinary text through: %p', (text) => {
    expect(findPersonalIdentifier(text)).toBeUndefined();
  });

  it.each([
    ['fullwidth digits', 'Referral for X\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16', 'a case reference number (CRN)'],
    ['a fullwidth letter too', '\uFF38123456', 'a case reference number (CRN)'],
    ['zero-width spaces inside a CRN', 'X1\u200B23\u200B456', 'a case reference number (CRN)'],
    ['zero-width joiner and non-joiner', 'X12\u200C34\u200D56', 'a case reference number (CRN)'],
    ['a word joiner', 'A1234\u2060BC', 'a prison number'],
    ['a byte-order mark', 'X123\uFEFF456', 'a case reference number (CRN)'],
    ['a soft hyphen', 'X123\u00AD456', 'a case reference number (CRN)'],
    ['a bidi control (another Cf)', 'X123\u202E456', 'a case reference number (CRN)'],
    ['fullwidth PNC with a fullwidth solidus', '\uFF12\uFF10\uFF11\uFF12\uFF0F0123456A', 'a PNC id'],
  ])('finds one hidden by %s', (_how, text, kind) => {
    expect(findPersonalIdentifier(text)).toBe(kind);
  });

  it('normalises compatibility forms, then drops format characters', () => {
    expect(normaliseForIdentifierCheck('x\uFF11\u200B2')).toBe('X12');
    expect(normaliseForIdentifierCheck('caf\u00E9')).toBe('CAF\u00C9');
  });

  it('still lets ordinary text with a zero-width space through', () => {
    expect(findPersonalIdentifier('Twelve\u200B referrals for Liverpool North')).toBeUndefined();
  });
});
