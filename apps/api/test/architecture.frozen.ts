/**
 * The exceptions to the ownership rule (docs/adr/0005), each with exactly the names it may use and
 * why; `architecture.e2e-spec.ts` fails when an entry drifts or any other code names another
 * library's object.
 */
type Entry = { migration: string; names: string[]; why: string };

const FOREIGN_KEYS = 'foreign keys to the tables it references (a reference, not a read; new migrations add none)';
const APPEND_ONLY = "audit's forbid_change_to_append_only() as the trigger function of its append-only tables";
const SPEND_BEFORE =
  'spend built its summaries and views straight over the tables it reads; ContractSpendReadModel1764201610040 and SpendReadsPublishedModels1764201610050 replaced every one of those objects';

/** Migrations merged before the rule (issue 12). Databases in the field have run them: never edited. */
export const FROZEN_MIGRATIONS: Record<string, Entry> = {
  'libs/budgets/src/migrations/1764201600400-budgets.ts': { migration: 'Budgets1764201600400', names: ['region'], why: FOREIGN_KEYS },
  'libs/catalogue/src/migrations/1764201600300-service-offers.ts': {
    migration: 'ServiceOffers1764201600300',
    names: ['organisation'],
    why: FOREIGN_KEYS,
  },
  'libs/ordering/src/migrations/1764201600500-orders.ts': {
    migration: 'Orders1764201600500',
    names: ['budget', 'organisation', 'pdu', 'region', 'service_offer'],
    why: FOREIGN_KEYS,
  },
  'libs/contracts/src/migrations/1764201600600-contracts.ts': {
    migration: 'Contracts1764201600600',
    names: ['budget', 'forbid_change_to_append_only', 'organisation', 'outcome_measure', 'pdu', 'region', 'service_offer', 'service_order'],
    why: `${FOREIGN_KEYS}; ${APPEND_ONLY}`,
  },
  'libs/spend/src/migrations/1764201600700-spend.ts': {
    migration: 'Spend1764201600700',
    names: [
      'contract',
      'contract_outcome_measure',
      'organisation',
      'payment',
      'performance_report',
      'service_offer',
      'service_offer_version',
      'service_order',
    ],
    why: `${SPEND_BEFORE}; it also put the summary triggers on contracts' tables`,
  },
  'libs/spend/src/migrations/1764201609650-spend-gap-from-varied-value.ts': {
    migration: 'SpendGapFromVariedValue1764201609650',
    names: ['contract', 'service_offer_version', 'service_order'],
    why: SPEND_BEFORE,
  },
  'libs/publication/src/migrations/1764201600800-publication.ts': {
    migration: 'Publication1764201600800',
    names: [
      'contract',
      'contract_outcome_measure',
      'forbid_change_to_append_only',
      'funding_passed_down',
      'organisation',
      'payment',
      'pdu',
      'performance_report',
      'region',
      'service_offer_version',
      'service_order',
      'subcontractor',
      'subcontractor_contribution',
    ],
    why: `created the supply_chain_*_v views over the tables they read, which contracts now owns and has redefined over published views (ContractSpendReadModel1764201610040); ${APPEND_ONLY}`,
  },
};

/**
 * The issue-12 handover itself: contracts renames the tables spend handed to it, and spend reuses
 * their old names for its views over them, so that spend's report SQL did not change.
 */
export const HANDOVER: Record<string, Omit<Entry, 'migration'>> = {
  'libs/contracts/src/migrations/1764201610040-contract-spend-read-model.ts': {
    names: ['spend_contract_quarter', 'spend_provider_quarter'],
    why: 'ALTER TABLE spend_contract_quarter RENAME TO contract_quarter_summary (and the roll-up): same rows, no recomputation',
  },
};

/**
 * Services that still read another library's table, left to their owners' refactoring (issue 12
 * moves services' SQL into repositories, H1-H3). By library and name, not file, so that moving
 * the SQL keeps the entry; remove an entry when its read goes through a published view.
 */
export const SERVICE_DEBT: Record<string, { names: string[]; why: string }> = {
  // Paid off: offer search filters by income band through organisation_profile_v.
};
