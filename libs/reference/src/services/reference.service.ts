import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CommonErrorCode, CommonException, MAX_OUTCOME_MEASURES } from '@mkt/common';
import { Principal } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { TransactionRunner, pgErrorCode, PG_UNIQUE_VIOLATION } from '@mkt/database';
import { OutcomeMeasureType, PduType, RegionType } from '../dtos/reference.types';
import { CreateOutcomeMeasureInput } from '../dtos/create-outcome-measure.input';
import { ServiceCategory } from '../service-category';
import { GeographyRepository } from '../repositories/geography.repository';
import { MeasureRow, OutcomeMeasureRepository } from '../repositories/outcome-measure.repository';

/**
 * Regions and PDUs change only by migration, so they are read once at start and kept in memory:
 * validating a region or PDU costs no query. Outcome measures can be added by ADMIN, so they are
 * read from the table.
 */
@Injectable()
export class ReferenceService implements OnApplicationBootstrap {
  private regionList: RegionType[] = [];
  private regionsByCode = new Map<string, RegionType>();
  private pdusByCode = new Map<string, PduType>();

  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly geography: GeographyRepository,
    private readonly measures: OutcomeMeasureRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const regions = await this.geography.regions(this.db.reader);
    const pdus = await this.geography.pdus(this.db.reader);
    this.regionList = regions.map((r) => ({
      id: r.code,
      code: r.code,
      name: r.name,
      pdus: pdus.filter((p) => p.region_code === r.code).map((p) => ({ id: p.code, code: p.code, name: p.name, regionCode: p.region_code })),
    }));
    this.regionsByCode = new Map(this.regionList.map((r) => [r.code, r]));
    this.pdusByCode = new Map(this.regionList.flatMap((r) => r.pdus.map((p) => [p.code, p] as const)));
  }

  regions(): RegionType[] {
    return this.regionList;
  }

  region(code: string): RegionType | undefined {
    return this.regionsByCode.get(code);
  }

  pdu(code: string): PduType | undefined {
    return this.pdusByCode.get(code);
  }

  /** Refuses unknown region codes as bad input naming the field. */
  assertRegions(codes: string[], field: string): void {
    const unknown = codes.filter((code) => !this.regionsByCode.has(code));
    if (unknown.length) {
      throw CommonException.badInput(`${field}: unknown region code(s) ${unknown.join(', ')}`, field);
    }
  }

  /** PDUs must exist and lie within the given regions. */
  assertPdusWithin(pduCodes: string[], regionCodes: string[], field: string): void {
    const problems = pduCodes.filter((code) => {
      const pdu = this.pdusByCode.get(code);
      return !pdu || !regionCodes.includes(pdu.regionCode);
    });
    if (problems.length) {
      throw CommonException.badInput(
        `${field}: ${problems.join(', ')} ${problems.length > 1 ? 'are not PDUs' : 'is not a PDU'} of the chosen regions`,
        field,
      );
    }
  }

  pduCodesOf(regionCodes: string[]): string[] {
    return regionCodes.flatMap((code) => this.regionsByCode.get(code)?.pdus.map((p) => p.code) ?? []);
  }

  async outcomeMeasures(em: EntityManager, category?: ServiceCategory): Promise<OutcomeMeasureType[]> {
    return (await this.measures.list(em, category)).map(mapMeasure);
  }

  async measuresByCode(em: EntityManager, codes: string[]): Promise<Map<string, OutcomeMeasureType>> {
    if (!codes.length) return new Map();
    const rows = await this.measures.byCodes(em, codes);
    return new Map(rows.map((r) => [r.code, mapMeasure(r)]));
  }

  /** Refuses codes not in the library, naming the field. */
  async assertMeasures(em: EntityManager, codes: string[], field: string): Promise<Map<string, OutcomeMeasureType>> {
    const found = await this.measuresByCode(em, codes);
    const unknown = [...new Set(codes)].filter((c) => !found.has(c));
    if (unknown.length) throw CommonException.badInput(`${field}: unknown outcome measure(s) ${unknown.join(', ')}`, field);
    return found;
  }

  createOutcomeMeasure(actor: Principal, input: CreateOutcomeMeasureInput): Promise<OutcomeMeasureType> {
    return this.db.run(async (em) => {
      // The library is listed whole (outcomeMeasures): bounded, so the list and its cost are (see LIST_BOUNDS).
      // The lock makes count-then-insert safe against a concurrent addition.
      await this.measures.lockLibrary(em);
      if ((await this.measures.count(em)) >= MAX_OUTCOME_MEASURES) {
        throw new CommonException(CommonErrorCode.CONFLICT, `The outcome-measure library holds at most ${MAX_OUTCOME_MEASURES} measures`);
      }
      const row = await this.measures.insert(em, { ...input, categories: [...new Set(input.categories)] }).catch((error: unknown) => {
        if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
          throw new CommonException(CommonErrorCode.CONFLICT, `An outcome measure with code ${input.code} exists`, {
            field: 'code',
          });
        }
        throw error;
      });
      const measure = mapMeasure(row);
      await this.audit.record(em, actor, { action: 'outcomeMeasure.created', entityType: 'OutcomeMeasure', entityId: measure.code, after: measure });
      return measure;
    });
  }
}

function mapMeasure(row: MeasureRow): OutcomeMeasureType {
  return {
    id: row.code,
    code: row.code,
    name: row.name,
    description: row.description,
    unit: row.unit,
    direction: row.direction,
    categories: row.categories,
    source: row.source,
  };
}
