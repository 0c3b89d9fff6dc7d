export * from './ordering.enums';
export * from './ordering.exception';
export * from './dtos/order.types';
export * from './services/orders.service';
export * from './services/order-queries.service';
export * from './ordering.module';
export * from './migrations/1764201600500-orders';
export * from './migrations/1764201610030-order-terms-view';
