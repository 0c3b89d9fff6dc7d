import { randomUUID } from 'node:crypto';
import express, { type Response } from 'express';
import { financialYearOf, formatPence, multiply, parsePence } from '@mkt/common';
import { FormErrors, apiErrors, dateInput, required, text, wholeNumber, type Form } from '../../core/forms';
import { gqlFor, UserFacingErrors, type Gql } from '../../core/graphql-client';
import { currentUser } from '../../core/guards';
import { flash, render } from '../../core/render';
import { enumLabel, formatPounds, pduOptions, regionName, regionOfPdu } from '../../core/view-helpers';
import { BUDGETS, OFFER, PLACE_ORDER, type CommissionerOffer as Offer } from './queries';

/** Where the API's refusals of placeOrder point on the form. */
const FIELD_BY_CODE = { BUDGET_EXCEEDED: 'quantity', BUDGET_NOT_SET: 'startDate-day', CAPACITY_EXCEEDED: 'quantity', OFFER_NOT_AVAILABLE: 'pduCode' };
const FIELD_ALIASES = { startDate: 'startDate-day', endDate: 'endDate-day' };

/**
 * Place an order: the form, then a check-your-answers page with the total and the budget that
 * would remain, then the order. The idempotency key is made on the check page, so pressing
 * "Place order" twice places one order. The check page also carries the offer version it showed:
 * if the provider re-priced in between, the API refuses (OFFER_CHANGED) and the check page comes
 * back with the new price.
 */
export function placeOrderRoutes(): express.Router {
  const router = express.Router();

  router.get('/:id/order', async (req, res) => {
    const offer = await loadOffer(gqlFor(req, res), req.params.id);
    renderForm(res, offer, { outcomeSharePercent: '20' });
  });

  router.post('/:id/order', async (req, res) => {
    const gql = gqlFor(req, res);
    const offer = await loadOffer(gql, req.params.id);
    const form = req.body as Form;
    const errors = new FormErrors();
    const order = orderInput(errors, form, offer);
    if (errors.any) return renderForm(res, offer, form, errors);
    await renderCheck(res, gql, offer, form, order);
  });

  router.post('/:id/order/confirm', confirmOrder);
  return router;
}

/**
 * The order itself, from the check page (or back to the form, on "Change"). Refusals: a re-priced
 * offer returns to the check page at the new price; the others return to the form, on their fields.
 */
async function confirmOrder(req: express.Request<{ id: string }>, res: Response) {
  const gql = gqlFor(req, res);
  const offer = await loadOffer(gql, req.params.id);
  const form = req.body as Form;
  const errors = new FormErrors();
  const order = orderInput(errors, form, offer);
  if (text(form, 'action') === 'change' || errors.any) return renderForm(res, offer, form, errors);
  const seenVersion = text(form, 'expectedOfferVersion');
  const expectedOfferVersion = /^\d{1,9}$/.test(seenVersion) ? Number(seenVersion) : undefined;
  try {
    const { placeOrder } = await gql(PLACE_ORDER, {
      input: { ...order.input, expectedOfferVersion, idempotencyKey: text(form, 'idempotencyKey') || randomUUID() },
    });
    flash(res, placeOrder.status === 'PENDING_APPROVAL' ? pendingMessage(placeOrder.approvalLevel) : 'Order placed and sent to the provider.');
    return res.redirect(303, `/commissioner/orders/${placeOrder.id}`);
  } catch (error) {
    if (!(error instanceof UserFacingErrors)) throw error;
    if (error.codes.includes('OFFER_CHANGED')) {
      // Back to the check page, with the offer as it is now: its price, total and version.
      const current = await loadOffer(gql, req.params.id);
      const changed = new FormErrors();
      changed.add(
        'cost',
        `The provider changed this offer after you checked your order: the price is now ${formatPounds(current.unitPrice)} ${enumLabel(current.pricingUnit).toLowerCase()}. Check the new price and total, then place the order again.`,
      );
      return renderCheck(res, gql, current, form, orderInput(new FormErrors(), form, current), changed);
    }
    const others = error.errors.filter((e) => e.extensions?.code !== 'BUDGET_NOT_SET');
    if (others.length < error.errors.length) {
      errors.add(
        FIELD_BY_CODE.BUDGET_NOT_SET,
        `No budget is set for ${regionName(order.regionCode)} in ${order.financialYear}. Choose a start date in a financial year that has a budget, or ask the commissioning directorate to set one.`,
      );
    }
    if (others.length) apiErrors(errors, new UserFacingErrors(others), 'quantity', FIELD_BY_CODE, FIELD_ALIASES);
    renderForm(res, offer, form, errors);
  }
}

async function loadOffer(gql: Gql, id: string): Promise<Offer> {
  return (await gql(OFFER, { id })).serviceOffer;
}

/** The pot the order would draw on, as the API chooses it: the category's pot, else the general one. */
async function budgetFor(gql: Gql, offer: Offer, regionCode: string, financialYear: string) {
  const { budgets } = await gql(BUDGETS, { filter: { regionCodes: [regionCode], financialYears: [financialYear] } });
  return budgets.find((b) => b.category === offer.category) ?? budgets.find((b) => b.category === null);
}

/** Check your answers: the total at the offer's price now, the budget that would remain, a new idempotency key. */
async function renderCheck(res: Response, gql: Gql, offer: Offer, form: Form, order: ReturnType<typeof orderInput>, errors?: FormErrors) {
  const total =
    offer.pricingUnit === 'FIXED_BLOCK' ? parsePence(offer.unitPrice.amount) : multiply(parsePence(offer.unitPrice.amount), order.quantity);
  const budget = await budgetFor(gql, offer, order.regionCode, order.financialYear);
  const remainingAfter = budget ? formatPence(parsePence(budget.remaining.amount) - total) : undefined;
  render(
    res,
    'pages/commissioner/check-order.njk',
    {
      title: 'Check your order before placing it',
      offer,
      form,
      order,
      total: formatPence(total),
      budget,
      remainingAfter,
      overBudget: remainingAfter?.startsWith('-'),
      idempotencyKey: randomUUID(),
    },
    errors,
  );
}

function orderInput(errors: FormErrors, form: Form, offer: Offer) {
  const pduCode = required(errors, form, 'pduCode', 'Select the Probation Delivery Unit');
  const quantity = wholeNumber(errors, form, 'quantity', 'Quantity', 1);
  const startDate = dateInput(errors, form, 'startDate', 'Start date');
  const endDate = dateInput(errors, form, 'endDate', 'End date');
  if (startDate && endDate && endDate < startDate) errors.add('endDate-day', 'End date must be on or after the start date');
  const share = text(form, 'outcomeSharePercent');
  if (!/^\d{1,2}$/.test(share) || Number(share) > 50) errors.add('outcomeSharePercent', 'Share paid on outcomes must be a whole number from 0 to 50');
  const note = text(form, 'note') || undefined;
  const regionCode = regionOfPdu(pduCode) ?? '';
  return {
    quantity,
    regionCode,
    financialYear: startDate ? financialYearOf(startDate) : '',
    input: { offerId: offer.id, pduCode, quantity, startDate, endDate, outcomeSharePercent: Number(share), note },
  };
}

function renderForm(res: Response, offer: Offer, form: Form, errors?: FormErrors) {
  const regions = currentUser(res).regions;
  const pdus = pduOptions(offer.regionCodes.filter((r) => regions.includes(r))).filter((p) => offer.pduCodes.includes(p.value));
  render(
    res,
    'pages/commissioner/order-form.njk',
    {
      title: `Order ${offer.title}`,
      offer,
      form,
      pduItems: [{ value: '', text: 'Choose a PDU' }, ...pdus.map((p) => ({ ...p, selected: text(form, 'pduCode') === p.value }))],
    },
    errors,
  );
}

/** Who must approve, by the scheme of delegation (the provider's running total for the year, this order included). */
function pendingMessage(level: string): string {
  const who =
    level === 'COMMERCIAL'
      ? 'the commercial directorate must approve it'
      : level === 'REGIONAL_DIRECTOR'
        ? 'the regional director must approve it'
        : 'a second commissioner of the region must approve it';
  return `Order placed. It needs approval under the scheme of delegation: ${who}.`;
}
