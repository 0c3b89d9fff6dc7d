import { findPersonalIdentifier } from './personal-identifiers';

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
});
