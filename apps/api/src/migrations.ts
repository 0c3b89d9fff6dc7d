import { MigrationClass } from '@mkt/database';
import { ReferenceData1764201600000, ReferencePublishedViews1764201610000 } from '@mkt/reference';
import { AuditTrail1764201600100 } from '@mkt/audit';
import { OrganisationProfileForInvoices1764201619010, OrganisationProfileView1764201610010, Organisations1764201600200 } from '@mkt/organisations';
import { OfferPublishedViews1764201610020, OfferSearchTerms1764201609300, ServiceOffers1764201600300 } from '@mkt/catalogue';
import { BudgetPhasing1764201611100, Budgets1764201600400 } from '@mkt/budgets';
import {
  OrderAdvancePayment1764201612300,
  OrderAwardRoute1764201630500,
  OrderBudgetPhases1764201611200,
  Orders1764201600500,
  OrderTermsView1764201610030,
} from '@mkt/ordering';
import {
  ContractBudgetPhases1764201611300,
  ContractBudgetPhasesReadModel1764201611310,
  ContractOrderParty1764201630510,
  ContractPaymentsPublished1764201619000,
  ContractScheduleTerms1764201612310,
  ContractSpendReadModel1764201610040,
  ContractSuspensions1764201640000,
  Contracts1764201600600,
} from '@mkt/contracts';
import {
  Spend1764201600700,
  SpendGapFromVariedValue1764201609650,
  SpendReadsPublishedModels1764201610050,
  SpendYearIndexes1764201609100,
} from '@mkt/spend';
import { Publication1764201600800 } from '@mkt/publication';
import { RateLimitCounters1764201609000 } from '@mkt/ratelimit';
import { Invoices1764201610600 } from '@mkt/invoices';

/** Every module's migrations, in the order they apply. */
export const MIGRATIONS: MigrationClass[] = [
  ReferenceData1764201600000,
  AuditTrail1764201600100,
  Organisations1764201600200,
  ServiceOffers1764201600300,
  Budgets1764201600400,
  Orders1764201600500,
  Contracts1764201600600,
  Spend1764201600700,
  Publication1764201600800,
  RateLimitCounters1764201609000,
  SpendYearIndexes1764201609100,
  OfferSearchTerms1764201609300,
  SpendGapFromVariedValue1764201609650,
  // Issue 12: owners publish the read models spend and publication read (docs/adr/0005).
  ReferencePublishedViews1764201610000,
  OrganisationProfileView1764201610010,
  OfferPublishedViews1764201610020,
  OrderTermsView1764201610030,
  ContractSpendReadModel1764201610040,
  SpendReadsPublishedModels1764201610050,
  Invoices1764201610600,
  // Issue 13: commitments phased by financial year.
  BudgetPhasing1764201611100,
  OrderBudgetPhases1764201611200,
  ContractBudgetPhases1764201611300,
  ContractBudgetPhasesReadModel1764201611310,
  // Issue 13: instalments that follow the service; two-sided variations.
  OrderAdvancePayment1764201612300,
  ContractScheduleTerms1764201612310,
  // Transparency publications (issue 13): the payment ledger and supplier names published to invoices.
  ContractPaymentsPublished1764201619000,
  OrganisationProfileForInvoices1764201619010,
  // Issue 13: award routes, delegation, working-day expiry; who placed a contract's order.
  OrderAwardRoute1764201630500,
  ContractOrderParty1764201630510,
  // Issue 13: suspension stops instalments for the suspended days.
  ContractSuspensions1764201640000,
];
