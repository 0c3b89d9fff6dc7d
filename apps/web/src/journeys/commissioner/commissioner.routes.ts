import express from 'express';
import { INCOME_BANDS, INCOME_BAND_LABELS, SERVICE_CATEGORIES } from '../../core/enums';
import { FormErrors, apiErrors, list, pounds, required, text, type Form } from '../../core/forms';
import { gqlFor, UserFacingErrors } from '../../core/graphql-client';
import { currentUser, requireRole } from '../../core/guards';
import { flash, render } from '../../core/render';
import { enumOptions, regionOptions } from '../../core/view-helpers';
import { commissionerContractRoutes } from '../contracts/commissioner-contract.routes';
import { placeOrderRoutes } from './place-order.routes';
import { APPROVE_ORDER, BUDGETS, OFFER, ORDER, ORDERS, REJECT_ORDER, SEARCH_OFFERS, WITHDRAW_ORDER, type OfferSearchResult } from './queries';

/** The NPS commissioner: find offers, order, approve colleagues' large orders, watch the region's budget. */
export function commissionerRoutes(): express.Router {
  const router = express.Router();
  router.use(requireRole('COMMISSIONER'));

  router.get('/', async (req, res) => {
    const gql = gqlFor(req, res);
    const regions = currentUser(res).regions;
    const [{ budgets }, { orders: awaiting }] = await Promise.all([
      gql(BUDGETS, { filter: { regionCodes: regions } }),
      gql(ORDERS, { filter: { regionCodes: regions, statuses: ['PENDING_APPROVAL'] } }),
    ]);
    render(res, 'pages/commissioner/home.njk', { title: 'Commissioning', budgets, awaiting });
  });

  router.get('/offers', searchOffers);

  router.get('/offers/:id', async (req, res) => {
    const { serviceOffer } = await gqlFor(req, res)(OFFER, { id: req.params.id });
    render(res, 'pages/commissioner/offer.njk', { title: serviceOffer.title, offer: serviceOffer });
  });
  router.use('/offers', placeOrderRoutes());
  router.use('/contracts', commissionerContractRoutes());

  router.get('/orders', async (req, res) => {
    const { orders } = await gqlFor(req, res)(ORDERS, { filter: { regionCodes: currentUser(res).regions } });
    render(res, 'pages/commissioner/orders.njk', { title: 'Orders in your regions', orders });
  });
  router.get('/orders/:id', async (req, res) => renderOrder(req, res, {}));
  router.post('/orders/:id/approve', approveOrder);
  router.post(
    '/orders/:id/reject',
    answerWithReason(REJECT_ORDER, 'Enter why you reject the order', 'Order rejected. Its reservation on the budget is released.'),
  );
  router.post(
    '/orders/:id/withdraw',
    answerWithReason(WITHDRAW_ORDER, 'Enter why you withdraw the order', 'Order withdrawn. Its reservation on the budget is released.'),
  );
  return router;
}

async function renderOrder(req: express.Request, res: express.Response, form: Form, errors?: FormErrors) {
  const { order } = await gqlFor(req, res)(ORDER, { id: req.params.id });
  const mine = order.placedBy === currentUser(res).sub;
  const mayApprove = order.status === 'PENDING_APPROVAL' && !mine;
  const mayWithdraw = mine && ['SUBMITTED', 'PENDING_APPROVAL'].includes(order.status);
  render(res, 'pages/commissioner/order.njk', { title: `Order for ${order.offer.title}`, order, form, mayApprove, mayWithdraw }, errors);
}

/** The search form (GET, so results can be bookmarked) to the API's ServiceOffersFilter. */
function searchFilter(query: Form, errors: FormErrors) {
  const maxUnitPrice = text(query, 'maxUnitPrice') ? pounds(errors, query, 'maxUnitPrice', 'Highest price per unit') : undefined;
  return {
    text: text(query, 'text') || undefined,
    categories: list(query, 'category').length ? list(query, 'category') : undefined,
    regionCodes: list(query, 'region').length ? list(query, 'region') : undefined,
    providerIncomeBands: list(query, 'band').length ? list(query, 'band') : undefined,
    maxUnitPrice: maxUnitPrice || undefined,
  };
}

/** The same search, one page on. */
function nextPageQuery(query: Form, cursor: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'after') continue;
    for (const one of [value].flat()) if (typeof one === 'string') params.append(key, one);
  }
  params.set('after', cursor);
  return params.toString();
}

async function searchOffers(req: express.Request, res: express.Response) {
  const query = req.query as Form;
  const errors = new FormErrors();
  const filter = searchFilter(query, errors);
  let offers: OfferSearchResult | undefined;
  try {
    if (!errors.any) offers = (await gqlFor(req, res)(SEARCH_OFFERS, { filter, after: text(query, 'after') || undefined })).serviceOffers;
  } catch (error) {
    if (!(error instanceof UserFacingErrors)) throw error;
    apiErrors(errors, error, 'text', {}, { 'filter.maxUnitPrice': 'maxUnitPrice' });
  }
  const categories = list(query, 'category');
  const bands = list(query, 'band');
  const regions = list(query, 'region');
  render(
    res,
    'pages/commissioner/offers.njk',
    {
      title: 'Find a service',
      query,
      offers,
      nextQuery: offers?.pageInfo.hasNextPage && offers.pageInfo.endCursor ? nextPageQuery(query, offers.pageInfo.endCursor) : undefined,
      categoryItems: enumOptions(SERVICE_CATEGORIES, categories),
      bandItems: INCOME_BANDS.map((value) => ({ value, text: INCOME_BAND_LABELS[value], checked: bands.includes(value) })),
      regionItems: regionOptions.map((r) => ({ ...r, checked: regions.includes(r.value) })),
    },
    errors,
  );
}

async function approveOrder(req: express.Request<{ id: string }>, res: express.Response) {
  try {
    await gqlFor(req, res)(APPROVE_ORDER, { id: req.params.id });
    flash(res, 'Order approved and sent to the provider.');
    return res.redirect(303, `/commissioner/orders/${req.params.id}`);
  } catch (error) {
    if (!(error instanceof UserFacingErrors)) throw error;
    const errors = new FormErrors();
    apiErrors(errors, error, 'approve');
    await renderOrder(req, res, {}, errors);
  }
}

/** Reject (a second commissioner) or withdraw (the one who placed it): both need a reason. */
function answerWithReason(mutation: string, missing: string, done: string) {
  return async (req: express.Request<{ id: string }>, res: express.Response) => {
    const form = req.body as Form;
    const errors = new FormErrors();
    const reason = required(errors, form, 'reason', missing);
    if (!errors.any) {
      try {
        await gqlFor(req, res)(mutation, { id: req.params.id, reason });
        flash(res, done);
        return res.redirect(303, `/commissioner/orders/${req.params.id}`);
      } catch (error) {
        if (!(error instanceof UserFacingErrors)) throw error;
        apiErrors(errors, error, 'reason');
      }
    }
    await renderOrder(req, res, form, errors);
  };
}
