/** GraphQL documents of the ADMIN pages. */
export const UNVERIFIED_ORGANISATIONS = /* GraphQL */ `
  query UnverifiedOrganisations {
    organisations(filter: { verified: false }, first: 50) {
      totalCount
      edges { node { id identifier legalName organisationType incomeBand contactEmail createdAt } }
    }
  }
`;

export const VERIFY_ORGANISATION = /* GraphQL */ `
  mutation VerifyOrganisation($id: ID!) { verifyOrganisation(id: $id) { id legalName verified } }
`;
