import { registerDecorator } from 'class-validator';

/**
 * People on probation never appear in this system: it holds no person-level data at all, and
 * free-text fields (notes, reasons, narratives, summaries) refuse anything shaped like a personal
 * identifier used in the justice system, so one cannot be stored (or logged) by accident:
 * nDelius case reference numbers (CRN, e.g. X123456), prison numbers (NOMIS, e.g. A1234BC),
 * Police National Computer ids (e.g. 2012/0123456A) and National Insurance numbers (e.g. AB123456C).
 */
const PATTERNS: [string, RegExp][] = [
  ['a case reference number (CRN)', /\b[A-Z]\d{6}\b/],
  ['a prison number', /\b[A-Z]\d{4}[A-Z]{2}\b/],
  ['a PNC id', /\b(\d{2}|\d{4})\/\d{5,7}[A-Z]\b/],
  ['a National Insurance number', /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/],
];

/**
 * Invisible format characters (Unicode category Cf: zero-width space, joiner and non-joiner, word
 * joiner, byte-order mark, soft hyphen, bidi controls...). They render as nothing, so they would let
 * "X1<ZWSP>23456" slip past the patterns while still reading as a CRN.
 */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * What the patterns are matched against: NFKC first (fullwidth "Ｘ１２３４５６" and other
 * compatibility forms become plain ASCII), then format characters removed, then upper case.
 */
export function normaliseForIdentifierCheck(text: string): string {
  return text.normalize('NFKC').replace(FORMAT_CHARACTERS, '').toUpperCase();
}

export function findPersonalIdentifier(text: string): string | undefined {
  const normalised = normaliseForIdentifierCheck(text);
  return PATTERNS.find(([, pattern]) => pattern.test(normalised))?.[0];
}

/** The refusal a client reads, naming the field and what it seems to contain. */
export function personalIdentifierMessage(field: string, found: string): string {
  return `${field} seems to contain ${found}: people on probation are never identified here; use an opaque reference held in your case system`;
}

export function IsFreeOfPersonalIdentifiers() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isFreeOfPersonalIdentifiers',
      target: object.constructor,
      propertyName,
      options: {
        message: (args) => personalIdentifierMessage(propertyName, findPersonalIdentifier(String(args.value)) ?? 'a personal identifier'),
      },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !findPersonalIdentifier(value) },
    });
}
