import {
  buildReleasePackage,
  ocdsContractStatus,
  organisationIdentifiers,
  PublicationMeta,
  supplyChainCsv,
  SupplyChainSnapshot,
} from '@mkt/publication';
import { validateReleasePackage } from './harness/ocds-validator';

/**
 * Unit tests of the OCDS mapping (libs/publication/src/ocds), here beside the validator they use:
 * a lib may not import from apps/, and the validator (Ajv, a dev dependency) is test-only.
 */

const meta: PublicationMeta = {
  revision: 1,
  publishedAt: new Date('2026-07-05T09:30:00Z'),
  uri: 'https://example.org/publications/supply-chain/2026-27-Q1/1.json',
  listUri: 'https://example.org/publications/supply-chain',
  ocidPrefix: 'ocds-npsmkt',
};

function snapshot(overrides: Partial<SupplyChainSnapshot['contracts'][number]> = {}): SupplyChainSnapshot {
  return {
    financialYear: '2026-27',
    quarter: 1,
    quarterStart: '2026-04-01',
    quarterEnd: '2026-06-30',
    contracts: [
      {
        id: '6f1c9a52-0000-4000-8000-000000000001',
        orderId: '6f1c9a52-0000-4000-8000-000000000002',
        regionCode: 'wales',
        regionName: 'Wales',
        pduCode: 'cardiff-and-the-vale-of-glamorgan',
        pduName: 'Cardiff and the Vale of Glamorgan',
        category: 'ACCOMMODATION',
        startDate: '2026-04-01',
        endDate: '2027-03-31',
        status: 'ACTIVE',
        valuePence: 1_234_567n,
        reportingPeriod: 'QUARTERLY',
        awardedAt: new Date('2026-03-20T12:00:00Z'),
        serviceTitle: 'Move-on accommodation',
        serviceSummary: 'Support to find and keep a tenancy.',
        pricingUnit: 'PER_REFERRAL',
        unitPricePence: 123_456n,
        quantity: 10,
        provider: { identifier: 'GB-SC-SC012345', name: 'Synthetic Scottish Charity', charityNumber: 'SC012345', companyNumber: 'SC123456' },
        measures: [
          {
            id: 'm1',
            code: 'ACC-03',
            name: 'Secures housing',
            unit: 'share of completed referrals',
            direction: 'HIGHER_IS_BETTER',
            baseline: '0.000000',
            target: '0.500000',
            weight: 100,
          },
        ],
        reports: [{ period: '2026-27-Q1', startDate: '2026-04-01', endDate: '2026-06-30', actuals: [{ measureId: 'm1', value: '0.450000' }] }],
        payments: [
          { id: 'p1', period: '2026-27-Q1', kind: 'FIXED', amountPence: 24_691n, paidOn: '2026-05-01' },
          { id: 'p2', period: '2026-27-Q1', kind: 'FIXED', amountPence: -24_691n, paidOn: '2026-05-02' },
        ],
        subcontractors: [],
        ...overrides,
      },
    ],
  };
}

describe('OCDS release package', () => {
  it('validates against OCDS 1.1 with both extensions, with and without a supply chain', () => {
    expect(validateReleasePackage(buildReleasePackage(snapshot(), meta))).toEqual([]);
    const withChain = snapshot({
      subcontractors: [
        {
          id: 's2',
          tier: 2,
          parentId: null,
          identifier: 'GB-CHC-1234567',
          name: 'Tier Two',
          charityNumber: '1234567',
          companyNumber: null,
          serviceSummary: 'Visits',
          funding: [{ financialYear: '2026-27', quarter: 1, amountPence: 5_000n }],
          contributions: [{ measureId: 'm1', financialYear: '2026-27', quarter: 1, value: '0.1' }],
        },
        {
          id: 's3',
          tier: 3,
          parentId: 's2',
          identifier: 'GB-COH-12345678',
          name: 'Tier Three',
          charityNumber: null,
          companyNumber: '12345678',
          serviceSummary: 'Repairs',
          funding: [{ financialYear: '2026-27', quarter: 2, amountPence: 1_000n }],
          contributions: [],
        },
      ],
    });
    const pkg = buildReleasePackage(withChain, meta) as { releases: { awards: { subcontracting: { value: { amount: number } } }[] }[] };
    expect(validateReleasePackage(pkg)).toEqual([]);
    expect(pkg.releases[0].awards[0].subcontracting.value.amount).toBe(50);
  });

  it('turns pence into JSON numbers of pounds at this edge only, reversals negative', () => {
    const pkg = buildReleasePackage(snapshot(), meta) as {
      releases: { contracts: { value: { amount: number }; implementation: { transactions: { value: { amount: number } }[] } }[] }[];
    };
    const contract = pkg.releases[0].contracts[0];
    expect(contract.value.amount).toBe(12345.67);
    expect(contract.implementation.transactions.map((t) => t.value.amount)).toEqual([246.91, -246.91]);
  });

  it('is caught by the validator when it breaks the schema', () => {
    const pkg = buildReleasePackage(snapshot(), meta) as { releases: { contracts: { value: { amount: unknown } }[] }[] };
    pkg.releases[0].contracts[0].value.amount = '12345.67';
    expect(validateReleasePackage(pkg).length).toBeGreaterThan(0);
    expect(validateReleasePackage({ ...pkg, releases: [] }).length).toBeGreaterThan(0);
  });

  it('maps org-id identifiers and keeps other registration numbers as additional identifiers', () => {
    expect(organisationIdentifiers({ identifier: 'GB-SC-SC012345', name: 'X', charityNumber: 'SC012345', companyNumber: 'SC123456' })).toEqual({
      identifier: { scheme: 'GB-SC', id: 'SC012345', legalName: 'X' },
      additionalIdentifiers: [{ scheme: 'GB-COH', id: 'SC123456' }],
    });
    expect(organisationIdentifiers({ identifier: 'GB-COH-12345678', name: 'Y', charityNumber: '1100001', companyNumber: '12345678' })).toEqual({
      identifier: { scheme: 'GB-COH', id: '12345678', legalName: 'Y' },
      additionalIdentifiers: [{ scheme: 'GB-CHC', id: '1100001' }],
    });
    expect(ocdsContractStatus('SUSPENDED')).toBe('active');
    expect(ocdsContractStatus('COMPLETED')).toBe('terminated');
  });

  it('writes the flat CSV with pounds and quoted text', () => {
    const csv = supplyChainCsv(snapshot({ serviceTitle: 'Move-on, "supported" accommodation' }), meta).split('\r\n');
    expect(csv[1]).toContain('"Move-on, ""supported"" accommodation"');
    expect(csv[1]).toContain(',12345.67,0.00,0.00,prime,1,GB-SC-SC012345,');
    expect(csv[1]).toContain('ACC-03 2026-27-Q1: 0.45');
  });
});
