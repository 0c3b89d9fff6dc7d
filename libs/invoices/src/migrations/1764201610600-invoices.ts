import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices from providers. Net, VAT and gross are kept apart (thresholds and transparency
 * publications are VAT-inclusive; the contract ledger pays the net). The contract, provider and
 * region are copied from the contract when the invoice is received (they never change on a
 * contract), so tenancy and reports need no join into contracts' tables.
 */
export class Invoices1764201610600 implements MigrationInterface {
  name = 'Invoices1764201610600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial UNIQUE NOT NULL,
        contract_id uuid NOT NULL,
        provider_id uuid NOT NULL,
        region_code text NOT NULL,
        period text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('FIXED', 'OUTCOME')),
        invoice_number text NOT NULL CHECK (length(invoice_number) BETWEEN 1 AND 40),
        issued_on date NOT NULL,
        received_on date NOT NULL CHECK (received_on >= issued_on),
        due_on date NOT NULL CHECK (due_on >= received_on),
        net_pence bigint NOT NULL CHECK (net_pence > 0),
        vat_pence bigint NOT NULL CHECK (vat_pence >= 0 AND vat_pence * 5 <= net_pence),
        gross_pence bigint GENERATED ALWAYS AS (net_pence + vat_pence) STORED,
        status text NOT NULL DEFAULT 'SUBMITTED' CHECK (status IN ('SUBMITTED', 'APPROVED', 'DISPUTED', 'PAID')),
        submitted_by text NOT NULL,
        reviewed_by text,
        reviewed_at timestamptz,
        dispute_reason text,
        payment_id uuid,
        paid_on date CHECK (paid_on IS NULL OR paid_on >= received_on),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (provider_id, invoice_number),
        CHECK ((status = 'PAID') = (payment_id IS NOT NULL AND paid_on IS NOT NULL))
      );
      CREATE INDEX invoice_contract_idx ON invoice (contract_id, period, kind);
      CREATE INDEX invoice_paid_on_idx ON invoice (paid_on) WHERE paid_on IS NOT NULL;
      CREATE INDEX invoice_region_seq_idx ON invoice (region_code, seq);
      CREATE INDEX invoice_provider_seq_idx ON invoice (provider_id, seq);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE invoice');
  }
}
