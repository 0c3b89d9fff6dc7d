import { DomainException, type ErrorCodeInfo, formatPence, formatPounds, type Pence } from '@mkt/common';

export enum OrderingErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  FORBIDDEN = 'FORBIDDEN',
  INVALID_STATE = 'INVALID_STATE',
  BUDGET_NOT_SET = 'BUDGET_NOT_SET',
  BUDGET_EXCEEDED = 'BUDGET_EXCEEDED',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  CAPACITY_EXCEEDED = 'CAPACITY_EXCEEDED',
  OFFER_NOT_AVAILABLE = 'OFFER_NOT_AVAILABLE',
  OFFER_CHANGED = 'OFFER_CHANGED',
  /** The same code name as contracts' outcome-payment rule: one person on one side of a decision. */
  SEPARATION_OF_DUTIES = 'SEPARATION_OF_DUTIES',
  FINANCIAL_YEAR_CLOSED = 'FINANCIAL_YEAR_CLOSED',
  /** Procurement Act 2023: the award route does not fit the value or lacks its justification. */
  AWARD_ROUTE_NOT_ALLOWED = 'AWARD_ROUTE_NOT_ALLOWED',
  /** Scheme of delegation: the approver's authority is below what the order needs. */
  APPROVAL_LEVEL_TOO_LOW = 'APPROVAL_LEVEL_TOO_LOW',
  RETROSPECTIVE_NOT_ALLOWED = 'RETROSPECTIVE_NOT_ALLOWED',
  ADVANCE_PAYMENT_NOT_ALLOWED = 'ADVANCE_PAYMENT_NOT_ALLOWED',
}

/** What each code means; its HTTP status is used on plain HTTP routes. docs/errors.md is generated from this. */
export const ORDERING_ERROR_CODES: Record<OrderingErrorCode, ErrorCodeInfo> = {
  NOT_FOUND: { httpStatus: 404, meaning: 'The order does not exist or the caller may not see it' },
  BAD_USER_INPUT: { httpStatus: 400, meaning: 'An order field breaks a rule; the message names the field' },
  FORBIDDEN: { httpStatus: 403, meaning: 'The caller may not act on this order' },
  INVALID_STATE: { httpStatus: 400, meaning: 'The order’s status does not allow this action (`status` is the current one)' },
  BUDGET_NOT_SET: { httpStatus: 400, meaning: 'No budget pot covers the order’s region, year and category' },
  BUDGET_EXCEEDED: { httpStatus: 400, meaning: 'Not enough budget left in the pot (`needed`, `remaining`)' },
  IDEMPOTENCY_KEY_REUSED: { httpStatus: 400, meaning: 'The idempotency key was used before with different input' },
  CAPACITY_EXCEEDED: { httpStatus: 400, meaning: 'Accepting would need more places in a month than the offer’s capacity' },
  OFFER_NOT_AVAILABLE: { httpStatus: 400, meaning: 'The offer is not published or does not cover the PDU' },
  OFFER_CHANGED: { httpStatus: 400, meaning: 'The offer changed since the version the commissioner saw; review and order again' },
  SEPARATION_OF_DUTIES: { httpStatus: 400, meaning: 'The same person may not act on both sides of a decision' },
  FINANCIAL_YEAR_CLOSED: {
    httpStatus: 400,
    meaning: 'The order would charge a financial year that has ended (`financialYear`); its accounts are closed',
  },
  AWARD_ROUTE_NOT_ALLOWED: {
    httpStatus: 400,
    meaning: 'The award route does not fit: a direct award at or above the light-touch threshold, or a missing justification or framework',
  },
  APPROVAL_LEVEL_TOO_LOW: { httpStatus: 400, meaning: 'The order needs approval at a higher level of the scheme of delegation (`needed`, `held`)' },
  RETROSPECTIVE_NOT_ALLOWED: {
    httpStatus: 400,
    meaning: 'A start date before today needs URGENT_NEED and must be within RETROSPECTIVE_DAYS of today',
  },
  ADVANCE_PAYMENT_NOT_ALLOWED: {
    httpStatus: 400,
    meaning: 'An advance payment schedule is only for providers with income under GBP 1m (`field` is advancePayment)',
  },
};

/** Where an order would draw its money from: region, financial year and the offer's category. */
export interface PotKey {
  regionCode: string;
  financialYear: string;
  category: string;
}

export class OrderingException extends DomainException {
  constructor(code: OrderingErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details, ORDERING_ERROR_CODES[code]);
  }

  static notFound(): OrderingException {
    return new OrderingException(OrderingErrorCode.NOT_FOUND, 'Order not found');
  }

  static badInput(field: string, message: string): OrderingException {
    return new OrderingException(OrderingErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
  }

  static invalidState(from: string, action: string): OrderingException {
    return new OrderingException(OrderingErrorCode.INVALID_STATE, `An order that is ${from} cannot be ${action}`, { status: from });
  }

  /** The commissioner saw another version (and price) than the offer has now. */
  static offerChanged(expectedVersion: number, current: { version: number; unitPricePence: Pence }): OrderingException {
    return new OrderingException(
      OrderingErrorCode.OFFER_CHANGED,
      `The offer changed since you saw version ${expectedVersion}: it is now version ${current.version} at ` +
        `${formatPounds(current.unitPricePence)} a unit; review it and order again`,
      { field: 'expectedOfferVersion', currentVersion: current.version, unitPrice: formatPence(current.unitPricePence) },
    );
  }

  static budgetNotSet(pot: PotKey): OrderingException {
    return new OrderingException(
      OrderingErrorCode.BUDGET_NOT_SET,
      `No budget is set for ${pot.regionCode} in ${pot.financialYear} (neither a ${pot.category} pot nor a general one)`,
      { ...pot },
    );
  }

  /** A later year has a pot, but the first (or current) year must be a firm allocation. */
  static budgetOnlyIndicative(pot: PotKey): OrderingException {
    return new OrderingException(
      OrderingErrorCode.BUDGET_NOT_SET,
      `Only an indicative budget is set for ${pot.regionCode} in ${pot.financialYear}: the first year of an order needs a firm allocation`,
      { ...pot, indicative: true },
    );
  }

  static financialYearClosed(financialYear: string, currentYear: string): OrderingException {
    return new OrderingException(
      OrderingErrorCode.FINANCIAL_YEAR_CLOSED,
      `The order would charge ${financialYear}, a financial year that has closed (it is now ${currentYear}); start it later`,
      { field: 'startDate', financialYear },
    );
  }

  static budgetExceeded(
    pot: { budgetId: string; regionCode: string; financialYear: string; category: string | null },
    needed: Pence,
    remaining: Pence,
  ): OrderingException {
    return new OrderingException(
      OrderingErrorCode.BUDGET_EXCEEDED,
      `Not enough budget left in ${pot.regionCode} ${pot.financialYear}${pot.category ? ` (${pot.category})` : ''}: ` +
        `${formatPounds(needed)} needed, ${formatPounds(remaining)} left`,
      { budgetId: pot.budgetId, financialYear: pot.financialYear, needed: formatPence(needed), remaining: formatPence(remaining) },
    );
  }

  /** A principal holding both roles may not answer, as the provider, an order it placed or approved. */
  static separationOfDuties(part: 'placed' | 'approved'): OrderingException {
    return new OrderingException(
      OrderingErrorCode.SEPARATION_OF_DUTIES,
      `You ${part} this order as its commissioner; someone else at the provider must answer it`,
    );
  }
}
