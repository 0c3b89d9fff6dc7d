export * from './invoices.enums';
export * from './invoices.exception';
export * from './dtos/invoice.types';
export * from './services/invoices.service';
export * from './invoices.module';
export * from './migrations/1764201610600-invoices';
export * from './invoices.schema';
