import type { GqlDocument } from '../../core/graphql-client';

/** GraphQL documents of the ADMIN pages. */
export const UNVERIFIED_ORGANISATIONS: GqlDocument<{ organisations: { totalCount: number; edges: { node: Record<string, unknown> }[] } }> =
  /* GraphQL */ `
    query UnverifiedOrganisations {
      organisations(filter: { verified: false }, first: 50) {
        totalCount
        edges {
          node {
            id
            identifier
            legalName
            organisationType
            incomeBand
            contactEmail
            createdAt
          }
        }
      }
    }
  `;

export const VERIFY_ORGANISATION: GqlDocument<{ verifyOrganisation: { id: string; legalName: string; verified: boolean } }> = /* GraphQL */ `
  mutation VerifyOrganisation($id: ID!) {
    verifyOrganisation(id: $id) {
      id
      legalName
      verified
    }
  }
`;
