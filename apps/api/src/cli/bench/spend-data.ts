import pg from 'pg';

/**
 * Synthetic, deterministic bulk data for spend: providers, published offers with versions, budgets,
 * accepted orders, contracts and a payment ledger, written with set-based `INSERT ... SELECT
 * generate_series` statements (no row-by-row round trips). Every pseudo-random choice is a hash of
 * the row number and a salt, so the same options give the same data whatever the query plan.
 * No real organisation or person appears: names end "(bench)", identifiers are in a synthetic range.
 *
 * Triggers (and foreign-key checks) are off while loading into the empty tables; the spend
 * summaries are then rebuilt once with `rebuild_spend_summary()`.
 */
export interface SpendDataOptions {
  providers: number;
  contracts: number;
  paymentsPerContract: number;
  /** Financial years to spread contract start dates over, ending with the current one. */
  financialYears: number;
  /** Date the data is generated "as of" (payments are never later). */
  today: string;
  onStep?: (step: string, ms: number, rows: number) => void;
}

const ORGANISATION_TYPES = ['REGISTERED_CHARITY', 'CHARITABLE_INCORPORATED_ORGANISATION', 'COMMUNITY_INTEREST_COMPANY', 'SOCIAL_ENTERPRISE', 'MUTUAL', 'PRIVATE_COMPANY'];
// Weighted towards small organisations, as the sector is.
const INCOME_BANDS = ['UNDER_100K', 'UNDER_100K', 'FROM_100K_TO_1M', 'FROM_100K_TO_1M', 'FROM_100K_TO_1M', 'FROM_1M_TO_10M', 'FROM_1M_TO_10M', 'OVER_10M'];
const CATEGORIES = [
  'ACCOMMODATION',
  'EDUCATION_TRAINING_AND_EMPLOYMENT',
  'FINANCE_BENEFIT_AND_DEBT',
  'DEPENDENCY_AND_RECOVERY',
  'WOMENS_SERVICES',
  'PERSONAL_WELLBEING',
  'FAMILY_AND_SIGNIFICANT_OTHERS',
  'EMOTIONAL_WELLBEING',
];

/** abs(hash) of a row number and a salt: a deterministic pseudo-random non-negative integer. */
const h = (column: string, salt: string) => `abs(hashtext(${column}::text || ':${salt}'))`;

export async function loadSpendData(client: pg.ClientBase, options: SpendDataOptions): Promise<void> {
  const step = async (name: string, sql: string, params: unknown[] = []) => {
    const started = performance.now();
    const result = await client.query(sql, params);
    options.onStep?.(name, performance.now() - started, result.rowCount ?? 0);
  };
  const firstYear = Number(options.today.slice(0, 4)) - (Number(options.today.slice(5, 7)) >= 4 ? 0 : 1) - (options.financialYears - 1);
  const firstDay = `${firstYear}-04-01`;

  await client.query('BEGIN');
  await client.query(`SET LOCAL session_replication_role = replica`);
  await step(
    'providers',
    `INSERT INTO organisation (identifier, scheme, legal_name, charity_number, organisation_type, income_band, region_codes,
       contact_email, verified, verified_at, verified_by)
     SELECT 'GB-CHC-' || (5000000 + i), 'GB-CHC', 'Synthetic provider ' || i || ' (bench)', (5000000 + i)::text,
            ($2::text[])[1 + ${h('i', 'type')} % cardinality($2::text[])],
            ($3::text[])[1 + ${h('i', 'band')} % cardinality($3::text[])],
            CASE WHEN i % 5 = 0 THEN ARRAY[r.codes[1 + i % 12], r.codes[1 + (i + 5) % 12]] ELSE ARRAY[r.codes[1 + i % 12]] END,
            'bench@example.org', true, now(), 'bench'
     FROM generate_series(1, $1::int) i, (SELECT array_agg(code ORDER BY code) AS codes FROM region) r`,
    [options.providers, ORGANISATION_TYPES, INCOME_BANDS],
  );
  await step(
    'offers',
    `INSERT INTO service_offer (provider_id, status, version, title, summary, category, region_codes, pdu_codes, delivery_modes, sexes,
       risk_levels, specialisms, capacity_per_month, pricing_unit, unit_price_pence, declared_full_cost_pence, outcome_commitments, published_at)
     SELECT o.id, 'PUBLISHED', 1, 'Bench service ' || o.seq || '-' || k, 'Synthetic benchmark service offer (bench).',
            ($1::text[])[1 + ${h("o.seq || '-' || k", 'category')} % cardinality($1::text[])],
            o.region_codes, p.codes, '{}', '{}', '{}', '{}', 50, 'PER_REFERRAL', price, price * (80 + ${h("o.seq || '-' || k", 'cost')} % 60) / 100,
            '[{"measureCode": "ACC-03", "expectedRate": 0.5}]', now()
     FROM organisation o
     CROSS JOIN generate_series(1, 2) k
     CROSS JOIN LATERAL (SELECT array_agg(code ORDER BY code) AS codes FROM pdu WHERE region_code = ANY(o.region_codes)) p
     CROSS JOIN LATERAL (SELECT 5000 + ${h("o.seq || '-' || k", 'price')} % 95000 AS price) x`,
    [CATEGORIES],
  );
  await step(
    'offer versions',
    `INSERT INTO service_offer_version (offer_id, version, provider_id, title, summary, category, region_codes, pdu_codes, delivery_modes,
       min_age, max_age, sexes, risk_levels, specialisms, capacity_per_month, pricing_unit, unit_price_pence, declared_full_cost_pence,
       outcome_commitments, created_by)
     SELECT id, version, provider_id, title, summary, category, region_codes, pdu_codes, delivery_modes, min_age, max_age, sexes, risk_levels,
            specialisms, capacity_per_month, pricing_unit, unit_price_pence, declared_full_cost_pence, outcome_commitments, 'bench'
     FROM service_offer`,
  );
  await step(
    'budgets',
    `INSERT INTO budget (region_code, financial_year, allocated_pence)
     SELECT r.code, spend_financial_year(($1::date + make_interval(years => y))::date), 1000000000000000
     FROM region r CROSS JOIN generate_series(0, $2::int - 1) y`,
    [firstDay, options.financialYears],
  );
  await step(
    'orders',
    `WITH offers AS (SELECT row_number() OVER (ORDER BY seq) AS n, * FROM service_offer),
          n AS (SELECT count(*) AS total FROM service_offer),
          span AS (SELECT ($3::date - $2::date) AS days)
     INSERT INTO service_order (status, offer_id, offer_version, provider_id, region_code, pdu_code, category, budget_id, financial_year,
       quantity, unit_price_pence, total_pence, start_date, end_date, outcome_targets, outcome_share_percent, reporting_period,
       award_rationale, conflict_of_interest_declared, placed_by, idempotency_key, request_hash, sent_at, answered_by, answered_at)
     SELECT 'ACCEPTED', o.id, 1, o.provider_id, t.region_code, t.pdu_code, o.category, b.id, t.financial_year,
            t.quantity, o.unit_price_pence, t.quantity * o.unit_price_pence, t.start_date, t.start_date + t.days, '[{"measureCode": "ACC-03", "target": 0.5, "baseline": 0, "weight": 100}]',
            20, 'QUARTERLY', 'LIGHT_TOUCH_DIRECT_AWARD', false, 'bench', gen_random_uuid(), 'bench', now(), 'bench', now()
     FROM generate_series(1, $1::int) i
     CROSS JOIN n CROSS JOIN span
     JOIN offers o ON o.n = 1 + ${h('i', 'offer')} % n.total
     CROSS JOIN LATERAL (
       SELECT pdu.code AS pdu_code, pdu.region_code, d AS start_date, spend_financial_year(d) AS financial_year,
              1 + ${h('i', 'quantity')} % 20 AS quantity, 60 + ${h('i', 'days')} % 300 AS days
       FROM (SELECT $2::date + ${h('i', 'start')} % span.days AS d) s,
            (SELECT code, region_code FROM pdu WHERE code = o.pdu_codes[1 + ${h('i', 'pdu')} % cardinality(o.pdu_codes)]) pdu
     ) t
     JOIN budget b ON b.region_code = t.region_code AND b.financial_year = t.financial_year AND b.category IS NULL`,
    [options.contracts, firstDay, options.today],
  );
  await step(
    'contracts',
    `INSERT INTO contract (order_id, provider_id, offer_id, offer_version, region_code, pdu_code, category, budget_id, financial_year,
       start_date, end_date, status, value_pence, outcome_share_percent, fixed_part_pence, outcome_part_pence, reporting_period)
     SELECT id, provider_id, offer_id, offer_version, region_code, pdu_code, category, budget_id, financial_year, start_date, end_date,
            CASE WHEN end_date < $1::date THEN 'COMPLETED' ELSE 'ACTIVE' END,
            total_pence, 20, total_pence - (total_pence * 20 + 50) / 100, (total_pence * 20 + 50) / 100, 'QUARTERLY'
     FROM service_order ORDER BY seq`,
    [options.today],
  );
  await step(
    'payments',
    `INSERT INTO payment (contract_id, period, kind, amount_pence, paid_on, reference, idempotency_key, request_hash, recorded_by)
     SELECT c.id, spend_financial_year(x.d) || '-Q' || spend_financial_quarter(x.d), x.kind,
            greatest(1, CASE WHEN x.kind = 'FIXED' THEN c.fixed_part_pence / ($2::int - 2) ELSE c.outcome_part_pence / 2 END),
            x.d, 'BENCH-' || k, gen_random_uuid(), 'bench', 'bench'
     FROM contract c
     CROSS JOIN generate_series(1, $2::int) k
     CROSS JOIN LATERAL (
       SELECT least(c.start_date + (c.end_date - c.start_date) * k / $2::int, $1::date) AS d,
              CASE WHEN k <= $2::int - 2 THEN 'FIXED' ELSE 'OUTCOME' END AS kind
     ) x`,
    [options.today, options.paymentsPerContract],
  );
  await client.query('COMMIT');
  await step('spend summary rebuild', 'SELECT rebuild_spend_summary()');
  await step('analyze', 'ANALYZE');
}
