import { Pence } from '@mkt/common';

/**
 * What a quarterly supply-chain publication freezes: every contract active in the quarter, with
 * its prime provider, declared subcontractors, money and outcomes up to the end of the quarter.
 * Plain data; the OCDS and CSV forms are pure functions of it.
 */
export interface SnapshotMeasure {
  id: string;
  code: string;
  name: string;
  unit: string;
  direction: string;
  /** Decimal text as stored (numeric), converted to a JSON number at the OCDS edge only. */
  baseline: string;
  target: string;
  weight: number;
}

export interface SnapshotReport {
  period: string;
  startDate: string;
  endDate: string;
  actuals: { measureId: string; value: string }[];
}

export interface SnapshotPayment {
  id: string;
  period: string;
  kind: 'FIXED' | 'OUTCOME';
  amountPence: Pence;
  paidOn: string;
}

export interface SnapshotSubcontractor {
  id: string;
  tier: 2 | 3;
  parentId: string | null;
  identifier: string;
  name: string;
  charityNumber: string | null;
  companyNumber: string | null;
  serviceSummary: string;
  funding: { financialYear: string; quarter: number; amountPence: Pence }[];
  contributions: { measureId: string; financialYear: string; quarter: number; value: string }[];
}

export interface SnapshotContract {
  id: string;
  orderId: string;
  regionCode: string;
  regionName: string;
  pduCode: string;
  pduName: string;
  category: string;
  startDate: string;
  endDate: string;
  status: string;
  valuePence: Pence;
  reportingPeriod: string;
  awardedAt: Date;
  serviceTitle: string;
  serviceSummary: string;
  pricingUnit: string;
  unitPricePence: Pence;
  quantity: number;
  provider: { identifier: string; name: string; charityNumber: string | null; companyNumber: string | null };
  measures: SnapshotMeasure[];
  reports: SnapshotReport[];
  payments: SnapshotPayment[];
  subcontractors: SnapshotSubcontractor[];
}

export interface SupplyChainSnapshot {
  financialYear: string;
  quarter: number;
  quarterStart: string;
  quarterEnd: string;
  contracts: SnapshotContract[];
}

/** Where and when a snapshot is published. */
export interface PublicationMeta {
  revision: number;
  publishedAt: Date;
  /** Permanent URL of this revision's JSON package. */
  uri: string;
  /** URL of the list of publications (the publication policy). */
  listUri: string;
  ocidPrefix: string;
}
