/**
 * Organisation identifiers in org-id.guide form: `<scheme>-<registration number>`. Each scheme has
 * its own number format; a charity or company number given beside the identifier must agree
 * with it.
 */
export type OrgIdScheme = 'GB-CHC' | 'GB-SC' | 'GB-NIC' | 'GB-COH' | 'GB-MPR';

const SCHEMES: Record<OrgIdScheme, { pattern: RegExp; describe: string }> = {
  'GB-CHC': { pattern: /^\d{6,8}$/, describe: 'GB-CHC-<6 to 8 digits> (Charity Commission for England and Wales)' },
  'GB-SC': { pattern: /^SC\d{6}$/, describe: 'GB-SC-SC<6 digits> (Scottish Charity Regulator)' },
  'GB-NIC': { pattern: /^\d{5,6}$/, describe: 'GB-NIC-<5 or 6 digits> (Charity Commission for Northern Ireland)' },
  'GB-COH': {
    pattern: /^(\d{8}|[A-Z]{2}\d{6}|R\d{7})$/,
    describe: 'GB-COH-<8 characters: 8 digits, or 2 letters and 6 digits> (Companies House)',
  },
  'GB-MPR': { pattern: /^[A-Z0-9]{1,12}$/, describe: 'GB-MPR-<register number, e.g. IP12345R> (Mutuals Public Register)' },
};

export interface ParsedIdentifier {
  scheme: OrgIdScheme;
  number: string;
}

export type IdentifierCheck = { ok: true; value: ParsedIdentifier } | { ok: false; reason: string };

export function parseOrgIdentifier(identifier: string): IdentifierCheck {
  const match = /^(GB-CHC|GB-SC|GB-NIC|GB-COH|GB-MPR)-(.+)$/.exec(identifier);
  if (!match) {
    return {
      ok: false,
      reason: `identifier must start with one of ${Object.keys(SCHEMES).join(', ')} followed by "-" and the registration number`,
    };
  }
  const scheme = match[1] as OrgIdScheme;
  const number = match[2];
  if (!SCHEMES[scheme].pattern.test(number)) {
    return { ok: false, reason: `identifier must look like ${SCHEMES[scheme].describe}` };
  }
  return { ok: true, value: { scheme, number } };
}

export const COMPANY_NUMBER_PATTERN = /^(\d{8}|[A-Z]{2}\d{6}|R\d{7})$/;
export const CHARITY_NUMBER_PATTERN = /^(\d{5,8}|SC\d{6})$/;

/** The charity number the identifier implies, if it is a charity register identifier. */
export function impliedCharityNumber(id: ParsedIdentifier): string | undefined {
  return id.scheme === 'GB-CHC' || id.scheme === 'GB-SC' || id.scheme === 'GB-NIC' ? id.number : undefined;
}

export function impliedCompanyNumber(id: ParsedIdentifier): string | undefined {
  return id.scheme === 'GB-COH' ? id.number : undefined;
}
