import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows } from '@mkt/database';

export interface RegionRow {
  code: string;
  name: string;
}

export interface PduRow {
  code: string;
  name: string;
  region_code: string;
}

/** Every statement on `region` and `pdu` (both change only by migration). */
@Injectable()
export class GeographyRepository {
  regions(em: EntityManager): Promise<RegionRow[]> {
    return queryRows<RegionRow>(em, 'SELECT code, name FROM region ORDER BY name');
  }

  pdus(em: EntityManager): Promise<PduRow[]> {
    return queryRows<PduRow>(em, 'SELECT code, name, region_code FROM pdu ORDER BY name');
  }
}
