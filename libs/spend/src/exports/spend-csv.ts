import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { csvLine, CsvValue, formatPenceText } from '@mkt/common';
import { SPEND_FILTER_FIELDS, SpendFilter, SpendGroupKey } from '../dtos/spend.inputs';
import { groupColumns } from '../rules/spend-query';
import { SpendErrorCode, SpendException } from '../spend.exception';
import { SpendAggregateRow } from '../repositories/spend.rows';
import { groupKeysOf } from '../services/spend.service';

/**
 * The CSV export's query string: the GraphQL argument names, lists comma-separated
 * (`?groupBy=REGION,PROVIDER&financialYears=2026-27,2027-28`). The same class-validator rules as
 * the GraphQL input apply; a bad parameter is refused naming it.
 */
export interface SpendCsvRequest {
  filter: SpendFilter;
  groupBy: SpendGroupKey[];
}

function badParameter(parameter: string, message: string): SpendException {
  return new SpendException(SpendErrorCode.BAD_USER_INPUT, `${parameter}: ${message}`, { parameter });
}

function list(value: unknown, parameter: string): string[] {
  const parts = (Array.isArray(value) ? value : [value]).map((v) => {
    if (typeof v !== 'string') throw badParameter(parameter, 'give a comma-separated list');
    return v;
  });
  return parts
    .join(',')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

export function parseSpendCsvQuery(query: Record<string, unknown>): SpendCsvRequest {
  const known = new Set<string>(['groupBy', ...SPEND_FILTER_FIELDS]);
  const unknown = Object.keys(query).filter((k) => !known.has(k));
  if (unknown.length) throw badParameter(unknown[0], `unknown parameter; use groupBy, ${SPEND_FILTER_FIELDS.join(', ')}`);

  const groupBy = query.groupBy === undefined ? [] : list(query.groupBy, 'groupBy');
  const keys = Object.values(SpendGroupKey) as string[];
  const badKey = groupBy.find((k) => !keys.includes(k));
  if (badKey) throw badParameter('groupBy', `"${badKey}" is not one of ${keys.join(', ')}`);
  if (new Set(groupBy).size !== groupBy.length) throw badParameter('groupBy', 'each key may appear once');

  const plain: Record<string, unknown> = {};
  for (const field of SPEND_FILTER_FIELDS) {
    if (query[field] === undefined) continue;
    const values = list(query[field], field);
    if (field === 'quarters') {
      const bad = values.find((v) => !/^\d+$/.test(v));
      if (bad) throw badParameter(field, `"${bad}" is not a whole number from 1 to 4`);
      plain[field] = values.map(Number);
    } else {
      plain[field] = values;
    }
  }
  const filter = plainToInstance(SpendFilter, plain);
  const errors = validateSync(filter, { whitelist: true, forbidUnknownValues: false });
  if (errors.length) {
    const first = errors[0];
    throw badParameter(first.property, Object.values(first.constraints ?? {}).join('; ') || 'is not valid');
  }
  return { filter, groupBy: groupBy as SpendGroupKey[] };
}

/** Header names are the GraphQL field names, keys first in the order asked. */
function keyHeaders(groupBy: SpendGroupKey[]): string[] {
  const names: Record<string, string[]> = {
    region_code: ['regionCode'],
    pdu_code: ['pduCode'],
    provider_id: ['providerId', 'providerName'],
    category: ['category'],
    income_band: ['incomeBand'],
    organisation_type: ['organisationType'],
    financial_year: ['financialYear'],
    quarter: ['quarter'],
  };
  return groupColumns(groupBy).flatMap((c) => names[c]);
}

function keyValues(groupBy: SpendGroupKey[], row: Partial<SpendAggregateRow>): CsvValue[] {
  const keys = groupKeysOf(row);
  const values: Record<string, CsvValue[]> = {
    region_code: [keys.regionCode],
    pdu_code: [keys.pduCode],
    provider_id: [keys.providerId, keys.providerName],
    category: [keys.category],
    income_band: [keys.incomeBand],
    organisation_type: [keys.organisationType],
    financial_year: [keys.financialYear],
    quarter: [keys.quarter],
  };
  return groupColumns(groupBy).flatMap((c) => values[c]);
}

/** A CSV layout: header line and one line per aggregate row; amounts as decimal pounds. */
export interface CsvLayout<R> {
  header: string;
  line(row: R): string;
}

export function spendCsvLayout(groupBy: SpendGroupKey[]): CsvLayout<SpendAggregateRow> {
  return {
    header: csvLine([...keyHeaders(groupBy), 'committed', 'paid', 'fixedPaid', 'outcomePaid', 'outstanding', 'contracts', 'providers']),
    line(row) {
      return csvLine([
        ...keyValues(groupBy, row),
        formatPenceText(row.committed),
        formatPenceText(row.paid),
        formatPenceText(row.fixed_paid),
        formatPenceText(row.outcome_paid),
        formatPenceText(row.outstanding),
        row.contracts,
        row.providers ?? 0,
      ]);
    },
  };
}

export interface SustainabilityCsvRow extends Partial<SpendAggregateRow> {
  contracts: number;
  contracts_below_cost: number;
  committed: string;
  full_cost: string;
  shortfall: string;
}

export function sustainabilityCsvLayout(groupBy: SpendGroupKey[]): CsvLayout<SustainabilityCsvRow> {
  return {
    header: csvLine([...keyHeaders(groupBy), 'contracts', 'contractsBelowCost', 'committed', 'declaredFullCost', 'gap']),
    line(row) {
      return csvLine([
        ...keyValues(groupBy, row),
        row.contracts,
        row.contracts_below_cost,
        formatPenceText(row.committed),
        formatPenceText(row.full_cost),
        formatPenceText(row.shortfall),
      ]);
    },
  };
}
