import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { ConnectionShape, RequestLoaders } from '@mkt/common';
import { type Principal, Role, scopeCondition } from '@mkt/auth';
import { fetchKeysetPage, queryOne, queryRows, SqlFilter, TransactionRunner } from '@mkt/database';
import { OrganisationsService } from '@mkt/organisations';
import { OrdersFilter } from '../dtos/order.inputs';
import { OrderView } from '../dtos/order.types';
import { OrderingException } from '../ordering.exception';
import { mapOrder, ORDER_COLUMNS, OrderRow } from './order.row';
import { OrderExpiryService } from './order-expiry.service';

type Page = { first: number; after?: string; withTotal: boolean };

/** Reading orders: who sees which, from the read pool, after sweeping expired ones. */
@Injectable()
export class OrderQueriesService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly expiry: OrderExpiryService,
    private readonly organisations: OrganisationsService,
  ) {}

  async get(viewer: Principal, loaders: RequestLoaders, id: string): Promise<OrderView> {
    await this.expiry.expireDueThrottled();
    const f = new SqlFilter().add('o.id = ?', id);
    await this.visibility(viewer, loaders, f);
    const row = await queryOne<OrderRow>(this.db.reader, `SELECT ${ORDER_COLUMNS} FROM service_order o WHERE ${f.where.join(' AND ')}`, f.params);
    if (!row) throw OrderingException.notFound();
    return mapOrder(row);
  }

  async list(viewer: Principal, loaders: RequestLoaders, filter: OrdersFilter, page: Page): Promise<ConnectionShape<OrderView>> {
    await this.expiry.expireDueThrottled();
    const f = new SqlFilter();
    await this.visibility(viewer, loaders, f);
    f.addIf(filter.statuses, 'o.status = ANY(?)')
      .addIf(filter.regionCodes, 'o.region_code = ANY(?)')
      .addIf(filter.providerIds, 'o.provider_id = ANY(?::uuid[])')
      .addIf(filter.offerIds, 'o.offer_id = ANY(?::uuid[])')
      .addIf(filter.placedFrom, 'o.placed_at >= ?::date')
      .addIf(filter.placedTo, `o.placed_at < ?::date + 1`);
    return fetchKeysetPage<OrderRow, OrderView>(
      this.db.reader,
      { select: ORDER_COLUMNS, from: 'service_order o', seqColumn: 'o.seq', where: f.where, params: f.params, ...page },
      mapOrder,
    );
  }

  /** The order behind a contract, for `contract { order { ... } }` (the contract was already visible). */
  loaderById(loaders: RequestLoaders): DataLoader<string, OrderView | null> {
    return loaders.get(
      'ordering.byId',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await queryRows<OrderRow>(this.db.reader, `SELECT ${ORDER_COLUMNS} FROM service_order o WHERE o.id = ANY($1)`, [ids]);
          const byId = new Map(rows.map((r) => [r.id, mapOrder(r)]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }

  /**
   * Commissioners see their regions' orders; providers the orders sent to them (not those still
   * waiting for approval or rejected before reaching them); directorate and auditors all.
   */
  private async visibility(viewer: Principal, loaders: RequestLoaders, f: SqlFilter): Promise<void> {
    // ADMIN is not among those who see all orders: it runs the platform, not the commissioning.
    const scopes = await this.organisations.scopeOf(viewer, loaders, [Role.DIRECTORATE, Role.AUDITOR]);
    const condition = scopeCondition(scopes, f, { region: 'o.region_code', provider: 'o.provider_id', providerAlso: 'o.sent_at IS NOT NULL' });
    if (condition) f.where.push(condition);
  }
}
