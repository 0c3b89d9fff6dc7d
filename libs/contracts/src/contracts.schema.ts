import { type SchemaOwnership } from '@mkt/database';

/** What the contracts library owns in the database and publishes to others (docs/adr/0005). */
export const CONTRACTS_SCHEMA: SchemaOwnership = {
  lib: 'contracts',
  tables: [
    'contract',
    'contract_version',
    'contract_outcome_measure',
    'performance_report',
    'payment',
    'subcontractor',
    'funding_passed_down',
    'subcontractor_contribution',
    'contract_order_party',
    // The spend read model, kept by the triggers below in the transaction that writes contracts and payments (ADR 0002).
    'contract_award_profile',
    'contract_quarter_summary',
    'contract_provider_quarter_summary',
  ],
  views: ['contract_commitment_v', 'contract_payment_delta_v', 'contract_cost_basis_v'],
  publishes: {
    contract_quarter_summary_v: ['spend'],
    contract_provider_quarter_summary_v: ['spend'],
    contract_outcome_paid_v: ['spend'],
    supply_chain_contract_v: ['publication'],
    supply_chain_measure_v: ['publication'],
    supply_chain_report_v: ['publication'],
    supply_chain_payment_v: ['publication'],
    supply_chain_subcontractor_v: ['publication'],
    supply_chain_funding_v: ['publication'],
    supply_chain_contribution_v: ['publication'],
  },
  functions: [
    'contract_financial_year',
    'contract_financial_quarter',
    'contract_full_cost',
    'contract_summary_add',
    'rebuild_contract_summary',
    'contract_summary_on_contract_insert',
    'contract_summary_on_contract_update',
    'contract_forbid_dimension_change',
    'contract_summary_on_payment_insert',
  ],
  triggers: [
    'payment_append_only',
    'payment_no_truncate',
    'contract_summary_inserted',
    'contract_summary_updated',
    'contract_dimensions_fixed',
    'payment_summary_inserted',
  ],
  types: ['contract_summary_delta'],
};
