import { IncomeBand, OrganisationType } from '../organisation.enums';
import { OrganisationView } from '../dtos/organisation.type';

export interface OrganisationRow {
  seq: string;
  id: string;
  identifier: string;
  scheme: string;
  legal_name: string;
  charity_number: string | null;
  company_number: string | null;
  organisation_type: OrganisationType;
  income_band: IncomeBand;
  region_codes: string[];
  contact_email: string;
  verified: boolean;
  verified_at: Date | null;
  verified_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export function mapOrganisation(row: OrganisationRow): OrganisationView {
  return {
    id: row.id,
    identifier: row.identifier,
    scheme: row.scheme,
    legalName: row.legal_name,
    charityNumber: row.charity_number,
    companyNumber: row.company_number,
    organisationType: row.organisation_type,
    incomeBand: row.income_band,
    regionCodes: row.region_codes,
    contactEmail: row.contact_email,
    verified: row.verified,
    verifiedAt: row.verified_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
