import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@mkt/database';
import { OutcomeDirection, ServiceCategory } from '../service-category';

/** A measure as it is added to the library. */
export interface NewMeasure {
  code: string;
  name: string;
  description: string;
  unit: string;
  direction: OutcomeDirection;
  categories: ServiceCategory[];
}

export interface MeasureRow extends NewMeasure {
  source: string;
}

/** Every statement on `outcome_measure`, the library offers and contracts commit to. */
@Injectable()
export class OutcomeMeasureRepository {
  /** The library in the order measures were added, optionally only those for one category. */
  list(em: EntityManager, category?: ServiceCategory): Promise<MeasureRow[]> {
    return category
      ? queryRows<MeasureRow>(em, 'SELECT * FROM outcome_measure WHERE $1 = ANY(categories) ORDER BY seq', [category])
      : queryRows<MeasureRow>(em, 'SELECT * FROM outcome_measure ORDER BY seq');
  }

  byCodes(em: EntityManager, codes: string[]): Promise<MeasureRow[]> {
    return queryRows<MeasureRow>(em, 'SELECT * FROM outcome_measure WHERE code = ANY($1)', [codes]);
  }

  /** Serialises additions to the library until the transaction ends, so count-then-insert is safe. */
  async lockLibrary(em: EntityManager): Promise<void> {
    await queryRows(em, `SELECT pg_advisory_xact_lock(hashtext('outcome_measure library'))`);
  }

  async count(em: EntityManager): Promise<number> {
    const row = await queryOne<{ n: number }>(em, 'SELECT count(*)::int AS n FROM outcome_measure');
    return row!.n;
  }

  /** A measure added by the directorate (migrations load the published CRS ones). */
  async insert(em: EntityManager, measure: NewMeasure): Promise<MeasureRow> {
    const [row] = await queryRows<MeasureRow>(
      em,
      `INSERT INTO outcome_measure (code, name, description, unit, direction, categories, source)
         VALUES ($1, $2, $3, $4, $5, $6, 'Added by the commissioning directorate') RETURNING *`,
      [measure.code, measure.name, measure.description, measure.unit, measure.direction, measure.categories],
    );
    return row;
  }
}
