import { EntityManager } from 'typeorm';
import { ConnectionShape, decodeCursor, toConnection } from '@mkt/common';
import { queryRows } from './sql';

export interface PageQuery {
  /** Columns to select; must include `<alias>.seq AS seq`. */
  select: string;
  /** FROM clause with joins, e.g. `service_offer o JOIN organisation p ON p.id = o.provider_id`. */
  from: string;
  /** Column the keyset runs on (descending), e.g. `o.seq`. */
  seqColumn: string;
  where: string[];
  params: unknown[];
  first: number;
  after?: string | null;
  withTotal: boolean;
}

/**
 * One statement per page: newest first by `seq`, `first + 1` rows to know whether more follow,
 * and the filter's total count as a scalar subquery when the client asked for it.
 */
export async function fetchKeysetPage<R extends { seq: string }, T>(
  em: EntityManager,
  query: PageQuery,
  toNode: (row: R) => T,
): Promise<ConnectionShape<T>> {
  const cursor = decodeCursor(query.after);
  const filter = query.where.length ? query.where.join(' AND ') : 'TRUE';
  const params = [...query.params];
  let pageFilter = filter;
  if (cursor) {
    params.push(cursor);
    pageFilter = `(${filter}) AND ${query.seqColumn} < $${params.length}`;
  }
  const total = query.withTotal ? `, (SELECT count(*) FROM ${query.from} WHERE ${filter}) AS __total` : '';
  const rows: (R & { __total?: string })[] = await queryRows(
    em,
    `SELECT ${query.select}${total} FROM ${query.from} WHERE ${pageFilter}
     ORDER BY ${query.seqColumn} DESC LIMIT ${Math.max(0, Math.floor(query.first)) + 1}`,
    params,
  );
  let totalCount: number | undefined;
  if (query.withTotal) {
    totalCount = rows.length
      ? Number(rows[0].__total)
      : Number((await queryRows(em, `SELECT count(*) AS n FROM ${query.from} WHERE ${filter}`, query.params))[0].n);
  }
  return toConnection(rows, query.first, (row) => row.seq, toNode, { totalCount, hasPreviousPage: !!cursor });
}

/** Collects WHERE fragments with numbered parameters: `w.add('x = ANY(?)', values)`. */
export class SqlFilter {
  readonly where: string[] = [];
  readonly params: unknown[] = [];

  add(fragment: string, ...values: unknown[]): this {
    let index = 0;
    const sql = fragment.replace(/\?/g, () => {
      this.params.push(values[index++]);
      return `$${this.params.length}`;
    });
    this.where.push(sql);
    return this;
  }

  /** Adds the fragment only when the value is present (non-empty for arrays). */
  addIf(value: unknown, fragment: string): this {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return this;
    return this.add(fragment, value);
  }

  /** A parameter placeholder without a WHERE fragment (for ORDER BY or SELECT expressions). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}
