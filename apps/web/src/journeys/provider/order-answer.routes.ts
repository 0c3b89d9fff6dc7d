import express from 'express';
import { FormErrors, apiErrors, required, type Form } from '../../core/forms';
import { gqlFor, UserFacingErrors } from '../../core/graphql-client';
import { flash, render } from '../../core/render';
import { ACCEPT_ORDER, DECLINE_ORDER, ORDER, ORDERS_TO_ANSWER } from './queries';

/** The charity sees the orders sent to it and accepts or declines each. */
export function orderAnswerRoutes(): express.Router {
  const router = express.Router();

  router.get('/', async (req, res) => {
    const { orders } = await gqlFor(req, res)(ORDERS_TO_ANSWER, {});
    render(res, 'pages/provider/orders.njk', { title: 'Orders', orders });
  });

  router.get('/:id', async (req, res) => {
    const { order } = await gqlFor(req, res)(ORDER, { id: req.params.id });
    render(res, 'pages/provider/order.njk', { title: `Order for ${order.offer.title}`, order, form: {} });
  });

  router.post('/:id/accept', async (req, res) => {
    const gql = gqlFor(req, res);
    try {
      await gql(ACCEPT_ORDER, { id: req.params.id });
      flash(res, 'Order accepted. The contract is created and the budget committed.');
      return res.redirect(303, `/provider/orders/${req.params.id}`);
    } catch (error) {
      if (!(error instanceof UserFacingErrors)) throw error;
      const errors = new FormErrors();
      apiErrors(errors, error, 'accept');
      const { order } = await gql(ORDER, { id: req.params.id });
      render(res, 'pages/provider/order.njk', { title: `Order for ${order.offer.title}`, order, form: {} }, errors);
    }
  });

  router.post('/:id/decline', async (req, res) => {
    const gql = gqlFor(req, res);
    const form = req.body as Form;
    const errors = new FormErrors();
    const reason = required(errors, form, 'reason', 'Enter why you decline the order');
    if (!errors.any) {
      try {
        await gql(DECLINE_ORDER, { id: req.params.id, reason });
        flash(res, 'Order declined. The commissioner has been told why.');
        return res.redirect(303, `/provider/orders/${req.params.id}`);
      } catch (error) {
        if (!(error instanceof UserFacingErrors)) throw error;
        apiErrors(errors, error, 'reason');
      }
    }
    const { order } = await gql(ORDER, { id: req.params.id });
    render(res, 'pages/provider/order.njk', { title: `Order for ${order.offer.title}`, order, form }, errors);
  });
  return router;
}
