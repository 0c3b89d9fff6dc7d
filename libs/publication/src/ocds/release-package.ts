import { CURRENCY, financialQuarterRange, Pence, toPoundsNumber } from '@mkt/common';
import { parseOrgIdentifier } from '@mkt/organisations';
import { PublicationMeta, SnapshotContract, SnapshotSubcontractor, SupplyChainSnapshot } from './snapshot';

/**
 * The OCDS 1.1 release package of a supply-chain snapshot: one release per contract, with the
 * subcontracting extension (awards[].subcontracting) and the metrics extension (contract targets in
 * contracts[].agreedMetrics; reported actuals, subcontractors' contributions and funding passed
 * down in contracts[].implementation.metrics). Payments are implementation transactions. Amounts
 * become JSON numbers (pounds) here and nowhere else.
 */
const OCDS_EXTENSIONS = [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_subcontracting_extension/master/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/master/extension.json',
];

const OGL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

/** HM Prison and Probation Service in the GOV.UK organisation register (org-id scheme GB-GOVUK). */
const BUYER = { scheme: 'GB-GOVUK', id: 'hm-prison-and-probation-service', legalName: 'HM Prison and Probation Service' };
const BUYER_PARTY_ID = `${BUYER.scheme}-${BUYER.id}`;

type Json = Record<string, unknown>;

const value = (pence: Pence) => ({ amount: toPoundsNumber(pence), currency: CURRENCY });
const startOf = (date: string) => `${date}T00:00:00Z`;
const endOf = (date: string) => `${date}T23:59:59Z`;
const quarterPeriod = (financialYear: string, quarter: number) => {
  const range = financialQuarterRange(financialYear, quarter);
  return { startDate: startOf(range.start), endDate: endOf(range.end) };
};

/** OCDS contract status: the codelist has no "suspended" or "completed" (both end states are "terminated"). */
export function ocdsContractStatus(status: string): 'active' | 'terminated' {
  return status === 'COMPLETED' || status === 'TERMINATED' ? 'terminated' : 'active';
}

/** org-id identifier to an OCDS identifier, with charity and company numbers as additional identifiers. */
export function organisationIdentifiers(org: { identifier: string; name: string; charityNumber: string | null; companyNumber: string | null }) {
  const parsed = parseOrgIdentifier(org.identifier);
  const scheme = parsed.ok ? parsed.value.scheme : org.identifier.split('-').slice(0, 2).join('-');
  const id = parsed.ok ? parsed.value.number : org.identifier.split('-').slice(2).join('-');
  const additional: { scheme: string; id: string }[] = [];
  if (org.charityNumber) {
    const charityScheme = org.charityNumber.startsWith('SC') ? 'GB-SC' : scheme === 'GB-NIC' ? 'GB-NIC' : 'GB-CHC';
    if (charityScheme !== scheme || org.charityNumber !== id) additional.push({ scheme: charityScheme, id: org.charityNumber });
  }
  if (org.companyNumber && !(scheme === 'GB-COH' && org.companyNumber === id)) additional.push({ scheme: 'GB-COH', id: org.companyNumber });
  return {
    identifier: { scheme, id, legalName: org.name },
    ...(additional.length ? { additionalIdentifiers: additional } : {}),
  };
}

function subcontractorParty(sub: SnapshotSubcontractor): Json {
  return {
    id: sub.identifier,
    name: sub.name,
    ...organisationIdentifiers(sub),
    roles: ['subcontractor'],
    details: { tier: sub.tier, serviceSummary: sub.serviceSummary },
  };
}

type Party = { id: string; name: string };
/** Whether a quarter's figure is in the publication: up to and including the published quarter. */
type IsDue = (financialYear: string, quarter: number) => boolean;

function buildRelease(snapshot: SupplyChainSnapshot, meta: PublicationMeta, c: SnapshotContract): Json {
  const buyer = { id: BUYER_PARTY_ID, name: `National Probation Service, ${c.regionName} (${BUYER.legalName})` };
  const supplier = { id: c.provider.identifier, name: c.provider.name };
  const isDue: IsDue = (fy, q) => fy < snapshot.financialYear || (fy === snapshot.financialYear && q <= snapshot.quarter);
  return {
    ocid: `${meta.ocidPrefix}-${c.id}`,
    id: `${snapshot.financialYear}-Q${snapshot.quarter}-r${meta.revision}`,
    date: meta.publishedAt.toISOString(),
    tag: ['award', 'contract', 'implementation'],
    initiationType: 'tender',
    language: 'en',
    parties: releaseParties(c, buyer, supplier),
    buyer,
    awards: [releaseAward(c, supplier, isDue)],
    contracts: [releaseContract(c, buyer, supplier, implementationMetrics(c, isDue))],
  };
}

/** The buyer, the prime provider and each subcontractor once (a prime that is also a subcontractor gets both roles). */
function releaseParties(c: SnapshotContract, buyer: Party, supplier: Party): Json[] {
  const parties: Json[] = [
    {
      ...buyer,
      identifier: BUYER,
      address: { region: c.regionName, countryName: 'United Kingdom' },
      roles: ['buyer'],
    },
    { ...supplier, ...organisationIdentifiers(c.provider), roles: ['supplier'] },
  ];
  for (const sub of c.subcontractors) {
    const same = parties.find((p) => p.id === sub.identifier);
    if (same) (same.roles as string[]).push('subcontractor');
    else parties.push(subcontractorParty(sub));
  }
  return parties;
}

/** The award, with the subcontracting extension's supply chain and the funding passed down to tier 2. */
function releaseAward(c: SnapshotContract, supplier: Party, isDue: IsDue): Json {
  const byId = new Map(c.subcontractors.map((s) => [s.id, s]));
  const tier2Funding = c.subcontractors
    .filter((s) => s.tier === 2)
    .flatMap((s) => s.funding.filter((f) => isDue(f.financialYear, f.quarter)))
    .reduce((sum, f) => sum + f.amountPence, 0n);
  const award: Json = {
    id: c.orderId,
    status: 'active',
    date: c.awardedAt.toISOString(),
    value: value(c.valuePence),
    suppliers: [supplier],
    hasSubcontracting: c.subcontractors.length > 0,
  };
  if (c.subcontractors.length) {
    award.subcontracting = {
      description: c.subcontractors.map((s) => `Tier ${s.tier}, ${s.name}: ${s.serviceSummary}`).join('\n'),
      value: value(tier2Funding),
      subcontracts: c.subcontractors.map((s) => {
        const parent = s.parentId ? byId.get(s.parentId) : undefined;
        return {
          id: s.id,
          subcontractor: { id: s.identifier, name: s.name },
          mainContractors: [parent ? { id: parent.identifier, name: parent.name } : supplier],
        };
      }),
    };
  }
  return award;
}

/** The metrics extension's observations: actuals and contributions per measure, then funding passed down. */
function implementationMetrics(c: SnapshotContract, isDue: IsDue): Json[] {
  const actualMetrics = c.measures.map((m) => measureObservations(c, m, isDue)).filter((m) => m !== undefined);
  const fundingObservations = c.subcontractors.flatMap((s) =>
    s.funding
      .filter((f) => isDue(f.financialYear, f.quarter))
      .map((f) => ({
        id: `funding-${s.identifier}-${f.financialYear}-Q${f.quarter}`,
        period: quarterPeriod(f.financialYear, f.quarter),
        value: value(f.amountPence),
        dimensions: { organisation: s.identifier, role: 'subcontractor', tier: String(s.tier) },
      })),
  );
  return [
    ...actualMetrics,
    ...(fundingObservations.length
      ? [
          {
            id: 'fundingPassedDown',
            title: 'Funding passed down to subcontractors',
            description: 'Money the prime provider (to tier 2) or a tier 2 subcontractor (to tier 3) passed down in each quarter.',
            observations: fundingObservations,
          },
        ]
      : []),
  ];
}

/** One measure's reported actuals (the prime's) and contributions (its subcontractors'), if any. */
function measureObservations(c: SnapshotContract, m: SnapshotContract['measures'][number], isDue: IsDue): Json | undefined {
  const observations: Json[] = [];
  for (const r of c.reports) {
    const actual = r.actuals.find((a) => a.measureId === m.id);
    if (!actual) continue;
    observations.push({
      id: `${m.code}-${r.period}-${c.provider.identifier}`,
      period: { startDate: startOf(r.startDate), endDate: endOf(r.endDate) },
      measure: Number(actual.value),
      unit: { name: m.unit },
      dimensions: { organisation: c.provider.identifier, role: 'supplier', reportingPeriod: r.period },
    });
  }
  for (const s of c.subcontractors) {
    for (const contribution of s.contributions) {
      if (contribution.measureId !== m.id || !isDue(contribution.financialYear, contribution.quarter)) continue;
      observations.push({
        id: `${m.code}-${contribution.financialYear}-Q${contribution.quarter}-${s.identifier}`,
        period: quarterPeriod(contribution.financialYear, contribution.quarter),
        measure: Number(contribution.value),
        unit: { name: m.unit },
        dimensions: { organisation: s.identifier, role: 'subcontractor', tier: String(s.tier) },
      });
    }
  }
  return observations.length ? { id: m.code, title: m.name, observations } : undefined;
}

/** The contract: terms, targets (agreedMetrics) and implementation (payments, metrics). */
function releaseContract(c: SnapshotContract, buyer: Party, supplier: Party, metrics: Json[]): Json {
  const implementation: Json = {
    transactions: c.payments.map((p) => ({
      id: p.id,
      date: startOf(p.paidOn),
      value: value(p.amountPence),
      payer: buyer,
      payee: supplier,
    })),
  };
  if (metrics.length) implementation.metrics = metrics;

  const contract: Json = {
    id: c.id,
    awardID: c.orderId,
    title: c.serviceTitle,
    description: c.serviceSummary,
    status: ocdsContractStatus(c.status),
    period: { startDate: startOf(c.startDate), endDate: endOf(c.endDate) },
    value: value(c.valuePence),
    dateSigned: c.awardedAt.toISOString(),
    items: [
      {
        id: '1',
        description: `${c.category} (${c.pricingUnit}), ${c.pduName}`,
        quantity: c.quantity,
        unit: { name: c.pricingUnit, value: value(c.unitPricePence) },
      },
    ],
    agreedMetrics: c.measures.map((m) => ({
      id: m.code,
      title: m.name,
      description: `${m.direction === 'HIGHER_IS_BETTER' ? 'Higher is better' : 'Lower is better'}; weight ${m.weight}% of the outcome payment.`,
      observations: [
        {
          id: `${m.code}-target`,
          measure: Number(m.target),
          unit: { name: m.unit },
          notes: `Target per reporting period; baseline ${Number(m.baseline)}.`,
        },
      ],
    })),
    implementation,
  };
  if (!c.measures.length) delete contract.agreedMetrics;
  return contract;
}

export function buildReleasePackage(snapshot: SupplyChainSnapshot, meta: PublicationMeta): Json {
  return {
    uri: meta.uri,
    version: '1.1',
    extensions: OCDS_EXTENSIONS,
    publishedDate: meta.publishedAt.toISOString(),
    publisher: { name: `${BUYER.legalName} (NPS Commissioning Marketplace)`, scheme: BUYER.scheme, uid: BUYER.id },
    license: OGL,
    publicationPolicy: meta.listUri,
    releases: snapshot.contracts.map((c) => buildRelease(snapshot, meta, c)),
  };
}
