import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { demoBudgets } from '@mkt/budgets';
import { demoOffersOf, ServiceOffersService } from '@mkt/catalogue';
import { Clock, financialYearOf } from '@mkt/common';
import { ContractsService, demoFirstInstalment, PaymentsService } from '@mkt/contracts';
import { BudgetAllocationService, DEMO_ORDERS, demoOrder, OrdersService } from '@mkt/ordering';
import { DEMO_ORGANISATIONS, demoOrganisation, OrganisationsService } from '@mkt/organisations';
import { AppLogger } from '../bootstrap/app-logger';

/**
 * A handful of clearly fictional organisations with published offers, budgets and two accepted
 * orders, so that the README's first queries return something. Each lib provides its part and
 * loads it through its own services, as real data is entered; this only puts them in order, and
 * only into a new embedded database, never into a DATABASE_URL database.
 */
export async function loadDemoDataIfEmpty(app: INestApplication, logger: AppLogger): Promise<void> {
  const [{ n }] = await app.get(DataSource).query<{ n: number }[]>('SELECT count(*)::int AS n FROM organisation');
  if (n > 0) return;
  let offers = 0;
  for (const organisation of DEMO_ORGANISATIONS) {
    await demoOrganisation(app.get(OrganisationsService), organisation);
    offers += await demoOffersOf(app.get(ServiceOffersService), organisation.identifier);
  }
  const today = app.get(Clock).today();
  const financialYear = financialYearOf(today);
  const budgets = await demoBudgets(app.get(BudgetAllocationService), financialYear);
  const contracts = await placeDemoOrders(app, financialYear, today);
  logger.info({ organisations: DEMO_ORGANISATIONS.length, offers, budgets, contracts, financialYear }, 'demo data loaded (DEMO_DATA=off skips it)');
}

/** Each demo order placed and accepted, then its contract's first fixed instalment paid; returns how many contracts. */
async function placeDemoOrders(app: INestApplication, financialYear: string, today: string): Promise<number> {
  let placed = 0;
  for (const plan of DEMO_ORDERS) {
    const order = await demoOrder(app.get(OrdersService), app.get(ServiceOffersService), plan, financialYear);
    if (!order) continue;
    await demoFirstInstalment(app.get(ContractsService), app.get(PaymentsService), order, today);
    placed += 1;
  }
  return placed;
}
