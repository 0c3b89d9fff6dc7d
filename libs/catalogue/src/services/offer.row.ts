import { maxPence, Money, penceFromDb } from '@mkt/common';
import { OutcomeDirection, ServiceCategory } from '@mkt/reference';
import { DeliveryMode, OfferStatus, PricingUnit, RiskLevel, Sex, Specialism } from '../catalogue.enums';
import { ServiceOfferContent, ServiceOfferVersionView, ServiceOfferView } from '../dtos/service-offer.types';

export interface StoredCommitment {
  measureCode: string;
  measureName: string;
  unit: string;
  direction: OutcomeDirection;
  expectedRate: number;
}

/** The content columns shared by `service_offer` and `service_offer_version`. */
export interface OfferContentRow {
  provider_id: string;
  version: number;
  title: string;
  summary: string;
  category: ServiceCategory;
  region_codes: string[];
  pdu_codes: string[];
  delivery_modes: DeliveryMode[];
  min_age: number | null;
  max_age: number | null;
  sexes: Sex[];
  risk_levels: RiskLevel[];
  specialisms: Specialism[];
  capacity_per_month: number;
  pricing_unit: PricingUnit;
  unit_price_pence: string;
  declared_full_cost_pence: string;
  outcome_commitments: StoredCommitment[];
}

export interface OfferRow extends OfferContentRow {
  seq: string;
  id: string;
  status: OfferStatus;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
  withdrawn_at: Date | null;
}

export interface OfferVersionRow extends OfferContentRow {
  offer_id: string;
  created_at: Date;
  created_by: string;
}

export const CONTENT_COLUMN_NAMES = [
  'provider_id',
  'version',
  'title',
  'summary',
  'category',
  'region_codes',
  'pdu_codes',
  'delivery_modes',
  'min_age',
  'max_age',
  'sexes',
  'risk_levels',
  'specialisms',
  'capacity_per_month',
  'pricing_unit',
  'unit_price_pence',
  'declared_full_cost_pence',
  'outcome_commitments',
] as const;

export type OfferContentValues = Record<(typeof CONTENT_COLUMN_NAMES)[number], unknown>;

function mapContent(row: OfferContentRow): ServiceOfferContent {
  const unitPrice = penceFromDb(row.unit_price_pence);
  const fullCost = penceFromDb(row.declared_full_cost_pence);
  return {
    providerId: row.provider_id,
    version: row.version,
    title: row.title,
    summary: row.summary,
    category: row.category,
    regionCodes: row.region_codes,
    pduCodes: row.pdu_codes,
    deliveryModes: row.delivery_modes,
    eligibility: { minAge: row.min_age, maxAge: row.max_age, sexes: row.sexes, riskLevels: row.risk_levels },
    specialisms: row.specialisms,
    capacityPerMonth: row.capacity_per_month,
    pricingUnit: row.pricing_unit,
    unitPrice: Money.of(unitPrice),
    declaredFullCostPerUnit: Money.of(fullCost),
    fundingGapPerUnit: Money.of(maxPence(fullCost - unitPrice, 0n)),
    outcomeCommitments: row.outcome_commitments,
  };
}

export function mapOffer(row: OfferRow): ServiceOfferView {
  return {
    ...mapContent(row),
    id: row.id,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    withdrawnAt: row.withdrawn_at,
  };
}

export function mapOfferVersion(row: OfferVersionRow): ServiceOfferVersionView {
  return { ...mapContent(row), id: `${row.offer_id}:${row.version}`, offerId: row.offer_id, createdAt: row.created_at };
}

/** A compact snapshot for the audit trail. */
export function auditSnapshot(view: ServiceOfferView) {
  return {
    id: view.id,
    status: view.status,
    version: view.version,
    title: view.title,
    category: view.category,
    regionCodes: view.regionCodes,
    pduCodes: view.pduCodes,
    capacityPerMonth: view.capacityPerMonth,
    pricingUnit: view.pricingUnit,
    unitPrice: view.unitPrice.amount,
    declaredFullCostPerUnit: view.declaredFullCostPerUnit.amount,
    outcomeCommitments: view.outcomeCommitments.map((c) => ({ measureCode: c.measureCode, expectedRate: c.expectedRate })),
  };
}
