import { type Principal, Role, type Scope } from '@mkt/auth';
import { OfferStatus } from '../catalogue.enums';
import { offerAudience } from './offer-audience';

const principal = (...roles: Role[]): Principal => ({ sub: 'u', roles, regions: ['LONDON'], org: 'GB-CHC-1' });
const own: Scope = { kind: 'PROVIDER', organisationId: '00000000-0000-0000-0000-000000000001' };

describe('offerAudience', () => {
  it('sees everything with an ALL scope', () => {
    expect(offerAudience(principal(Role.ADMIN), [{ kind: 'ALL' }])).toBeUndefined();
  });

  it('gives commissioners published offers only, whatever their regions', () => {
    expect(offerAudience(principal(Role.COMMISSIONER), [{ kind: 'REGIONS', regions: ['LONDON'] }])).toEqual({
      statuses: [OfferStatus.PUBLISHED],
      own: [],
    });
  });

  it('gives directorate and auditors published and withdrawn offers', () => {
    for (const role of [Role.DIRECTORATE, Role.AUDITOR]) {
      expect(offerAudience(principal(role), [])).toEqual({ statuses: [OfferStatus.PUBLISHED, OfferStatus.WITHDRAWN], own: [] });
    }
  });

  it("gives a provider its own organisation's offers, and a commissioner-provider both", () => {
    expect(offerAudience(principal(Role.PROVIDER), [own])).toEqual({ statuses: [], own: [own] });
    expect(offerAudience(principal(Role.COMMISSIONER, Role.PROVIDER), [{ kind: 'REGIONS', regions: ['LONDON'] }, own])).toEqual({
      statuses: [OfferStatus.PUBLISHED],
      own: [own],
    });
  });

  it('gives a token with no role nothing', () => {
    expect(offerAudience(principal(), [])).toEqual({ statuses: [], own: [] });
  });
});
