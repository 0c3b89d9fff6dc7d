import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offer search finds more than the title and summary: the offer's category by name and common
 * synonyms ("housing", "homeless" find ACCOMMODATION offers), and the names of the outcome
 * measures it commits to. All of it goes into the stored `search` tsvector, so a query stays one
 * GIN index lookup. The terms are frozen here: changing them is a new migration that replaces
 * `service_category_search_terms` and recomputes the column (`UPDATE service_offer SET category = category`).
 */
export const CATEGORY_SEARCH_TERMS: Record<string, string> = {
  ACCOMMODATION: 'accommodation housing house homes homeless homelessness tenancy tenancies landlord rent hostel shelter rough sleeping',
  EDUCATION_TRAINING_AND_EMPLOYMENT:
    'education training employment employability jobs job work working careers skills apprenticeships qualifications volunteering',
  FINANCE_BENEFIT_AND_DEBT: 'finance financial money benefits benefit debt debts arrears budgeting universal credit bank account',
  DEPENDENCY_AND_RECOVERY:
    'dependency recovery drugs drug substance substances misuse alcohol drinking addiction addictions detox treatment gambling',
  WOMENS_SERVICES: "women's womens services women woman female gender-specific",
  PERSONAL_WELLBEING: 'personal wellbeing well-being health lifestyle thinking behaviour attitudes',
  FAMILY_AND_SIGNIFICANT_OTHERS: 'family families significant others children parenting parents relationships partners carers',
  EMOTIONAL_WELLBEING: 'emotional wellbeing well-being mental health anxiety depression coping resilience',
};

const SEARCH_DOCUMENT = `
  setweight(to_tsvector('english', title), 'A') ||
  setweight(to_tsvector('english', summary), 'B') ||
  setweight(to_tsvector('english', service_category_search_terms(category)), 'C') ||
  setweight(to_tsvector('english', jsonb_path_query_array(outcome_commitments, '$[*].measureName')), 'D')
`;

export class OfferSearchTerms1764201609300 implements MigrationInterface {
  name = 'OfferSearchTerms1764201609300';

  async up(q: QueryRunner): Promise<void> {
    const cases = Object.entries(CATEGORY_SEARCH_TERMS)
      .map(([category, terms]) => `WHEN ${literal(category)} THEN ${literal(terms)}`)
      .join('\n        ');
    await q.query(`
      CREATE FUNCTION service_category_search_terms(category text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN CASE category
        ${cases}
        ELSE lower(replace(category, '_', ' ')) END;
      ALTER TABLE service_offer DROP COLUMN search;
      ALTER TABLE service_offer ADD COLUMN search tsvector GENERATED ALWAYS AS (${SEARCH_DOCUMENT}) STORED;
      CREATE INDEX service_offer_search_idx ON service_offer USING gin (search);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_offer DROP COLUMN search;
      ALTER TABLE service_offer ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')
      ) STORED;
      CREATE INDEX service_offer_search_idx ON service_offer USING gin (search);
      DROP FUNCTION service_category_search_terms(text);
    `);
  }
}

/** The terms are constants of this file; quoting keeps the SQL well-formed whatever they contain. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
