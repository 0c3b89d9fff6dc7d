import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { ConnectionShape, RequestLoaders } from '@mkt/common';
import { type Principal, Role, scopeCondition } from '@mkt/auth';
import { SqlFilter, TransactionRunner } from '@mkt/database';
import { OrganisationsService } from '@mkt/organisations';
import { OrdersFilter } from '../dtos/order.inputs';
import { OrderView } from '../dtos/order.types';
import { OrderingException } from '../ordering.exception';
import { OrderPage, OrderRepository } from '../repositories/order.repository';
import { mapOrder } from '../repositories/order.row';
import { OrderExpiryService } from './order-expiry.service';

/**
 * Who sees which orders: commissioners their regions' orders; providers the orders sent to them
 * (not those still waiting for approval or rejected before reaching them); directorate and
 * auditors all. ADMIN is not among those who see all orders: it runs the platform, not the commissioning.
 */
const SEES_ALL_ORDERS = [Role.DIRECTORATE, Role.AUDITOR];
const ORDER_SCOPE_COLUMNS = { region: 'o.region_code', provider: 'o.provider_id', providerAlso: 'o.sent_at IS NOT NULL' };

/** Reading orders: who sees which, from the read pool, after sweeping expired ones. */
@Injectable()
export class OrderQueriesService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly orders: OrderRepository,
    private readonly expiry: OrderExpiryService,
    private readonly organisations: OrganisationsService,
  ) {}

  async get(viewer: Principal, loaders: RequestLoaders, id: string): Promise<OrderView> {
    await this.expiry.expireDueThrottled();
    const f = new SqlFilter().add('o.id = ?', id);
    await this.restrictToScope(viewer, loaders, f);
    const row = await this.orders.findOne(this.db.reader, f);
    if (!row) throw OrderingException.notFound();
    return mapOrder(row);
  }

  async list(viewer: Principal, loaders: RequestLoaders, filter: OrdersFilter, page: OrderPage): Promise<ConnectionShape<OrderView>> {
    await this.expiry.expireDueThrottled();
    const f = new SqlFilter();
    await this.restrictToScope(viewer, loaders, f);
    f.addIf(filter.statuses, 'o.status = ANY(?)')
      .addIf(filter.regionCodes, 'o.region_code = ANY(?)')
      .addIf(filter.providerIds, 'o.provider_id = ANY(?::uuid[])')
      .addIf(filter.offerIds, 'o.offer_id = ANY(?::uuid[])')
      .addIf(filter.placedFrom, 'o.placed_at >= ?::date')
      .addIf(filter.placedTo, `o.placed_at < ?::date + 1`);
    return this.orders.page(this.db.reader, f, page);
  }

  /** The order behind a contract, for `contract { order { ... } }` (the contract was already visible). */
  loaderById(loaders: RequestLoaders): DataLoader<string, OrderView | null> {
    return loaders.get(
      'ordering.byId',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.orders.byIds(this.db.reader, ids);
          const byId = new Map(rows.map((r) => [r.id, mapOrder(r)]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }

  /** Adds the viewer's tenancy scope (scopeOf / scopeCondition, as contracts and catalogue do) to the filter. */
  private async restrictToScope(viewer: Principal, loaders: RequestLoaders, f: SqlFilter): Promise<void> {
    const condition = scopeCondition(await this.organisations.scopeOf(viewer, loaders, SEES_ALL_ORDERS), f, ORDER_SCOPE_COLUMNS);
    if (condition) f.where.push(condition);
  }
}
