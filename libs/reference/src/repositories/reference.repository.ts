import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@mkt/database';
import { OutcomeDirection, ServiceCategory } from '../service-category';

export interface RegionRow {
  code: string;
  name: string;
}

export interface PduRow {
  code: string;
  name: string;
  region_code: string;
}

export interface MeasureRow {
  code: string;
  name: string;
  description: string;
  unit: string;
  direction: OutcomeDirection;
  categories: ServiceCategory[];
  source: string;
}

export interface NewMeasure {
  code: string;
  name: string;
  description: string;
  unit: string;
  direction: OutcomeDirection;
  categories: ServiceCategory[];
}

/** Every statement on `region`, `pdu` and `outcome_measure`. Callers choose the EntityManager. */
@Injectable()
export class ReferenceRepository {
  regions(em: EntityManager): Promise<RegionRow[]> {
    return queryRows<RegionRow>(em, 'SELECT code, name FROM region ORDER BY name');
  }

  pdus(em: EntityManager): Promise<PduRow[]> {
    return queryRows<PduRow>(em, 'SELECT code, name, region_code FROM pdu ORDER BY name');
  }

  /** The library in the order measures were added, optionally only those for one category. */
  measures(em: EntityManager, category?: ServiceCategory): Promise<MeasureRow[]> {
    return category
      ? queryRows<MeasureRow>(em, 'SELECT * FROM outcome_measure WHERE $1 = ANY(categories) ORDER BY seq', [category])
      : queryRows<MeasureRow>(em, 'SELECT * FROM outcome_measure ORDER BY seq');
  }

  measuresByCode(em: EntityManager, codes: string[]): Promise<MeasureRow[]> {
    return queryRows<MeasureRow>(em, 'SELECT * FROM outcome_measure WHERE code = ANY($1)', [codes]);
  }

  /** Serialises additions to the library until the transaction ends, so count-then-insert is safe. */
  async lockMeasureLibrary(em: EntityManager): Promise<void> {
    await queryRows(em, `SELECT pg_advisory_xact_lock(hashtext('outcome_measure library'))`);
  }

  async countMeasures(em: EntityManager): Promise<number> {
    const row = await queryOne<{ n: number }>(em, 'SELECT count(*)::int AS n FROM outcome_measure');
    return row!.n;
  }

  /** A measure added by the directorate (migrations load the published CRS ones). */
  async insertMeasure(em: EntityManager, measure: NewMeasure): Promise<MeasureRow> {
    const [row] = await queryRows<MeasureRow>(
      em,
      `INSERT INTO outcome_measure (code, name, description, unit, direction, categories, source)
         VALUES ($1, $2, $3, $4, $5, $6, 'Added by the commissioning directorate') RETURNING *`,
      [measure.code, measure.name, measure.description, measure.unit, measure.direction, measure.categories],
    );
    return row;
  }
}
