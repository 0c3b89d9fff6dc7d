import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spend keeps only its own objects (issue 12, docs/adr/0005): views over the read models other
 * libraries publish to it. The summaries it queries keep their names, now as views over the
 * contracts-owned summaries (ContractSpendReadModel1764201610040), so every report's SQL is as
 * before; simple views are inlined by the planner, so the summaries' indexes still answer.
 */
export class SpendReadsPublishedModels1764201610050 implements MigrationInterface {
  name = 'SpendReadsPublishedModels1764201610050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW spend_contract_quarter AS SELECT * FROM contract_quarter_summary_v;
      CREATE VIEW spend_provider_quarter AS SELECT * FROM contract_provider_quarter_summary_v;
      CREATE OR REPLACE VIEW spend_provider_v AS SELECT id AS provider_id, identifier, legal_name FROM organisation_profile_v;
      CREATE OR REPLACE VIEW spend_offer_cost_v AS SELECT * FROM service_offer_cost_v;
      CREATE OR REPLACE VIEW spend_outcome_v AS SELECT * FROM contract_outcome_paid_v;
      -- Financial years and quarters are the contracts' functions now (the summaries are keyed by them).
      DROP FUNCTION spend_financial_quarter(date), spend_financial_year(date);
    `);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('SpendReadsPublishedModels1764201610050 is not reversible (see ContractSpendReadModel1764201610040)'));
  }
}
