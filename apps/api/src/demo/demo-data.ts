import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal, Role, SYSTEM_PRINCIPAL } from '@mkt/auth';
import { IncomeBand, OrganisationsService, OrganisationType } from '@mkt/organisations';
import { DeliveryMode, PricingUnit, ServiceOffersService, Sex, Specialism } from '@mkt/catalogue';
import { ServiceCategory } from '@mkt/reference';
import { Clock, financialYearOf, financialYearStart, formatPence, RequestLoaders } from '@mkt/common';
import { BudgetAllocationService, OrdersService, OrderStatus } from '@mkt/ordering';
import { ContractsService, PaymentKind, PaymentsService } from '@mkt/contracts';
import { randomUUID } from 'node:crypto';
import { AppLogger } from '../bootstrap/app-logger';

/**
 * A handful of clearly fictional organisations (every name ends "(demo)"; registration numbers
 * are from ranges no register has reached) with published offers, so that the README's first
 * query returns something. Loaded through the same services as real data, only into a new
 * embedded database, never into a DATABASE_URL database.
 */
const ORGANISATIONS = [
  {
    identifier: 'GB-CHC-9990001',
    legalName: 'Northway Housing Trust (demo)',
    organisationType: OrganisationType.REGISTERED_CHARITY,
    incomeBand: IncomeBand.FROM_100K_TO_1M,
    regionCodes: ['north-west', 'greater-manchester'],
    verified: true,
    offers: [
      {
        title: 'Move-on accommodation support after release',
        summary: 'Caseworkers find and secure settled accommodation for people leaving prison, and support tenancies for the first three months.',
        category: ServiceCategory.ACCOMMODATION,
        regionCodes: ['north-west'],
        pricingUnit: PricingUnit.PER_REFERRAL,
        unitPrice: '850.00',
        declaredFullCostPerUnit: '1020.00',
        capacityPerMonth: 25,
        outcomeCommitments: [
          { measureCode: 'ACC-03', expectedRate: 0.55 },
          { measureCode: 'ACC-06', expectedRate: 0.7 },
        ],
      },
      {
        title: 'Tenancy sustainment for people at risk of eviction',
        summary: 'Early help for people on probation whose tenancy is at risk: arrears plans, landlord mediation and benefit checks.',
        category: ServiceCategory.ACCOMMODATION,
        regionCodes: ['greater-manchester'],
        pricingUnit: PricingUnit.PER_SESSION,
        unitPrice: '95.00',
        declaredFullCostPerUnit: '95.00',
        capacityPerMonth: 120,
        outcomeCommitments: [{ measureCode: 'ACC-08', expectedRate: 0.65 }],
      },
    ],
  },
  {
    identifier: 'GB-COH-99000001',
    legalName: 'Brightstep Employment CIC (demo)',
    organisationType: OrganisationType.COMMUNITY_INTEREST_COMPANY,
    incomeBand: IncomeBand.UNDER_100K,
    regionCodes: ['london'],
    verified: true,
    offers: [
      {
        title: 'Employment coaching and job brokerage',
        summary: 'One-to-one coaching, CV and disclosure support, and introductions to local employers who recruit people with convictions.',
        category: ServiceCategory.EDUCATION_TRAINING_AND_EMPLOYMENT,
        regionCodes: ['london'],
        pricingUnit: PricingUnit.PER_REFERRAL,
        unitPrice: '640.00',
        declaredFullCostPerUnit: '780.00',
        capacityPerMonth: 30,
        specialisms: [Specialism.YOUNG_ADULTS_18_25],
        outcomeCommitments: [
          { measureCode: 'ETE-01', expectedRate: 0.4 },
          { measureCode: 'ETE-03', expectedRate: 0.75 },
        ],
      },
    ],
  },
  {
    identifier: 'GB-CHC-9990002',
    legalName: "Harbour Women's Centre (demo)",
    organisationType: OrganisationType.CHARITABLE_INCORPORATED_ORGANISATION,
    incomeBand: IncomeBand.FROM_100K_TO_1M,
    regionCodes: ['wales', 'south-west'],
    verified: true,
    offers: [
      {
        title: "Women's centre key work and group programme",
        summary: 'A women-only space offering key work, peer groups and help with housing, debt and wellbeing, delivered with local partners.',
        category: ServiceCategory.WOMENS_SERVICES,
        regionCodes: ['wales', 'south-west'],
        pricingUnit: PricingUnit.FIXED_BLOCK,
        unitPrice: '48000.00',
        declaredFullCostPerUnit: '61000.00',
        capacityPerMonth: 40,
        deliveryModes: [DeliveryMode.IN_PERSON, DeliveryMode.GROUP, DeliveryMode.ONE_TO_ONE],
        specialisms: [Specialism.WOMEN, Specialism.SURVIVORS_OF_DOMESTIC_ABUSE],
        eligibility: { sexes: [Sex.FEMALE] },
        outcomeCommitments: [
          { measureCode: 'EWB-02', expectedRate: 0.6 },
          { measureCode: 'FAM-01', expectedRate: 0.5 },
        ],
      },
    ],
  },
  {
    identifier: 'GB-SC-SC999001',
    legalName: 'Recovery Roots (demo)',
    organisationType: OrganisationType.REGISTERED_CHARITY,
    incomeBand: IncomeBand.UNDER_100K,
    regionCodes: ['north-east', 'yorkshire-and-the-humber'],
    verified: true,
    offers: [
      {
        title: 'Peer-led recovery support groups',
        summary: 'Weekly peer-led groups and mentoring for people in recovery from drugs and alcohol, with links into treatment services.',
        category: ServiceCategory.DEPENDENCY_AND_RECOVERY,
        regionCodes: ['north-east', 'yorkshire-and-the-humber'],
        pricingUnit: PricingUnit.PER_PLACE_PER_WEEK,
        unitPrice: '42.50',
        declaredFullCostPerUnit: '55.00',
        capacityPerMonth: 60,
        deliveryModes: [DeliveryMode.GROUP, DeliveryMode.IN_PERSON],
        outcomeCommitments: [{ measureCode: 'DNR-01', expectedRate: 0.35 }],
      },
    ],
  },
  {
    identifier: 'GB-MPR-IP99001R',
    legalName: 'Family Links Mutual (demo)',
    organisationType: OrganisationType.MUTUAL,
    incomeBand: IncomeBand.FROM_1M_TO_10M,
    regionCodes: ['west-midlands'],
    verified: false,
    offers: [],
  },
];

const DEMO_BUDGET_REGIONS = ['north-west', 'greater-manchester', 'london', 'wales', 'south-west', 'north-east', 'yorkshire-and-the-humber'];

export async function loadDemoDataIfEmpty(app: INestApplication, logger: AppLogger): Promise<void> {
  const [{ n }] = await app.get(DataSource).query<{ n: number }[]>('SELECT count(*)::int AS n FROM organisation');
  if (n > 0) return;
  const organisations = app.get(OrganisationsService);
  const offers = app.get(ServiceOffersService);
  let offerCount = 0;
  for (const spec of ORGANISATIONS) {
    const org = await organisations.register(SYSTEM_PRINCIPAL, {
      identifier: spec.identifier,
      legalName: spec.legalName,
      organisationType: spec.organisationType,
      incomeBand: spec.incomeBand,
      regionCodes: spec.regionCodes,
      contactEmail: `bids@${spec.identifier.toLowerCase()}.example.org`,
    });
    if (spec.verified) await organisations.verify(SYSTEM_PRINCIPAL, org.id);
    const provider: Principal = { sub: 'demo-data', roles: [Role.PROVIDER], org: spec.identifier, regions: [] };
    for (const offerSpec of spec.offers) {
      const offer = await offers.create(provider, offerSpec);
      await offers.publish(provider, offer.id);
      offerCount += 1;
    }
  }
  // A general pot for every region in the current financial year, so orders can be placed at once.
  const budgets = app.get(BudgetAllocationService);
  const today = app.get(Clock).today();
  const financialYear = financialYearOf(today);
  for (const regionCode of DEMO_BUDGET_REGIONS) {
    await budgets.setBudget(SYSTEM_PRINCIPAL, { regionCode, financialYear, amount: '250000.00' });
  }
  const contracts = await placeDemoOrders(app, financialYear, today);
  logger.info(
    { organisations: ORGANISATIONS.length, offers: offerCount, budgets: DEMO_BUDGET_REGIONS.length, contracts, financialYear },
    'demo data loaded (DEMO_DATA=off skips it)',
  );
}

/**
 * A little activity so that the directorate's first spend queries show something: two orders
 * from the start of the financial year, accepted, with their first fixed instalment paid.
 */
async function placeDemoOrders(app: INestApplication, financialYear: string, today: string): Promise<number> {
  const orders = app.get(OrdersService);
  const payments = app.get(PaymentsService);
  const contracts = app.get(ContractsService);
  const offers = app.get(ServiceOffersService);
  const start = financialYearStart(financialYear);
  const end = `${Number(financialYear.slice(0, 4)) + 1}-03-31`;
  // Paid on 20 April, or today in the first days of the year (a payment may not be dated in the future).
  const aprilTwentieth = `${financialYear.slice(0, 4)}-04-20`;
  const firstPaidOn = today < aprilTwentieth ? today : aprilTwentieth;
  const plans = [
    { region: 'london', pdu: 'southwark', title: 'Employment coaching and job brokerage', org: 'GB-COH-99000001', quantity: 12 },
    {
      region: 'greater-manchester',
      pdu: 'manchester-north',
      title: 'Tenancy sustainment for people at risk of eviction',
      org: 'GB-CHC-9990001',
      quantity: 40,
    },
  ];
  let placed = 0;
  for (const plan of plans) {
    const commissioner: Principal = { sub: `demo-commissioner-${plan.region}`, roles: [Role.COMMISSIONER], regions: [plan.region] };
    const finance: Principal = { sub: `demo-finance-${plan.region}`, roles: [Role.COMMISSIONER], regions: [plan.region] };
    const provider: Principal = { sub: 'demo-data', roles: [Role.PROVIDER], org: plan.org, regions: [] };
    const found = await offers.search(
      commissioner,
      new RequestLoaders(),
      { text: plan.title, regionCodes: [plan.region] },
      { first: 1, withTotal: false },
    );
    const offer = found.edges[0]?.node;
    if (!offer || !offer.pduCodes.includes(plan.pdu)) continue;
    const order = await orders.place(commissioner, {
      offerId: offer.id,
      pduCode: plan.pdu,
      quantity: plan.quantity,
      startDate: start,
      endDate: end,
      idempotencyKey: randomUUID(),
    });
    if (order.status !== OrderStatus.SUBMITTED) continue;
    await orders.accept(provider, order.id);
    const contract = (await contracts.byOrderLoader(new RequestLoaders()).load(order.id))!;
    // The first period's fixed instalment, as the contract's schedule states it.
    const [first] = contracts.scheduleOf(contract, [], []);
    await payments.record(finance, {
      contractId: contract.id,
      period: first.period,
      kind: PaymentKind.FIXED,
      amount: formatPence(first.fixedDue),
      paidOn: firstPaidOn,
      reference: 'DEMO-0001',
      idempotencyKey: randomUUID(),
    });
    placed += 1;
  }
  return placed;
}
