import express, { type Response } from 'express';
import { PRICING_UNITS, SERVICE_CATEGORIES } from '../../core/enums';
import { FormErrors, apiErrors, list, pounds, required, text, wholeNumber, type Form } from '../../core/forms';
import type { Gql } from '../../core/graphql-client';
import { gqlFor, UserFacingErrors } from '../../core/graphql-client';
import { flash, render } from '../../core/render';
import { enumOptions, regionOptions } from '../../core/view-helpers';
import { CREATE_OFFER, OFFER, OUTCOME_MEASURES, PUBLISH_OFFER, WITHDRAW_OFFER } from './queries';

/** How many outcome commitments the form offers (progressive enhancement could add rows; not needed yet). */
const COMMITMENT_ROWS = 3;

/** The charity creates an offer with its outcome commitments, checks it and publishes it. */
export function offerRoutes(): express.Router {
  const router = express.Router();

  router.get('/new', async (req, res) => render(res, 'pages/provider/offer-new.njk', await offerView(gqlFor(req, res), {})));
  router.post('/new', async (req, res) => {
    const form = req.body as Form;
    const gql = gqlFor(req, res);
    const errors = new FormErrors();
    const input = offerInput(errors, form);
    if (!errors.any) {
      try {
        const { createServiceOffer } = await gql(CREATE_OFFER, { input });
        flash(res, 'Offer saved as a draft. Check it, then publish it.');
        return res.redirect(303, `/provider/offers/${createServiceOffer.id}`);
      } catch (error) {
        if (!(error instanceof UserFacingErrors)) throw error;
        apiErrors(
          errors,
          error,
          'title',
          { NO_ORGANISATION: 'title' },
          { 'outcomeCommitments.measureCode': 'measure1', 'outcomeCommitments.expectedRate': 'rate1' },
        );
      }
    }
    render(res, 'pages/provider/offer-new.njk', await offerView(gql, form), errors);
  });

  router.get('/:id', async (req, res) => {
    const { serviceOffer } = await gqlFor(req, res)(OFFER, { id: req.params.id });
    render(res, 'pages/provider/offer.njk', { title: serviceOffer.title, offer: serviceOffer });
  });

  router.post('/:id/publish', offerAction(PUBLISH_OFFER, 'publish', 'Offer published. Commissioners can now find and order it.'));
  router.post('/:id/withdraw', offerAction(WITHDRAW_OFFER, 'withdraw', 'Offer withdrawn. No new orders; orders already placed keep their terms.'));
  return router;
}

/** Publish or withdraw: one mutation, then the offer page with a banner, or the refusal linked to the button. */
function offerAction(mutation: string, button: string, done: string) {
  return async (req: express.Request<{ id: string }>, res: Response) => {
    const gql = gqlFor(req, res);
    try {
      await gql(mutation, { id: req.params.id });
      flash(res, done);
      return res.redirect(303, `/provider/offers/${req.params.id}`);
    } catch (error) {
      if (!(error instanceof UserFacingErrors)) throw error;
      const errors = new FormErrors();
      apiErrors(errors, error, button);
      const { serviceOffer } = await gql(OFFER, { id: req.params.id });
      renderOffer(res, serviceOffer, errors);
    }
  };
}

function renderOffer(res: Response, offer: { title: string }, errors?: FormErrors) {
  render(res, 'pages/provider/offer.njk', { title: offer.title, offer }, errors);
}

function offerInput(errors: FormErrors, form: Form) {
  const commitments = [];
  for (let row = 1; row <= COMMITMENT_ROWS; row++) {
    const measureCode = text(form, `measure${row}`);
    const rate = text(form, `rate${row}`);
    if (!measureCode && !rate) continue;
    if (!measureCode) errors.add(`measure${row}`, `Select the outcome measure of commitment ${row}`);
    if (!/^\d{1,3}$/.test(rate) || Number(rate) > 100)
      errors.add(`rate${row}`, `Enter the expected rate of commitment ${row} as a whole percentage from 0 to 100`);
    // Whole percentages divided by 100 are exact enough for a share the API keeps as a rate.
    commitments.push({ measureCode, expectedRate: Number(rate) / 100 });
  }
  if (!commitments.length) errors.add('measure1', 'Select at least one outcome you commit to');
  const input = {
    title: required(errors, form, 'title', 'Enter a title'),
    summary: required(errors, form, 'summary', 'Enter a summary of the service'),
    category: required(errors, form, 'category', 'Select a category'),
    pricingUnit: required(errors, form, 'pricingUnit', 'Select how the service is priced'),
    unitPrice: pounds(errors, form, 'unitPrice', 'Price per unit'),
    declaredFullCostPerUnit: pounds(errors, form, 'declaredFullCostPerUnit', 'Full cost per unit'),
    capacityPerMonth: wholeNumber(errors, form, 'capacityPerMonth', 'Capacity per month', 1),
    regionCodes: list(form, 'regionCodes'),
    outcomeCommitments: commitments,
  };
  if (!input.regionCodes.length) errors.add('regionCodes', 'Select the regions the service covers');
  return input;
}

async function offerView(gql: Gql, form: Form) {
  const { outcomeMeasures } = await gql(OUTCOME_MEASURES);
  const regions = list(form, 'regionCodes');
  const measureItems = (row: number) => [
    { value: '', text: 'Choose a measure' },
    ...outcomeMeasures.map((m) => ({ value: m.code, text: `${m.code}: ${m.name}`, selected: text(form, `measure${row}`) === m.code })),
  ];
  return {
    title: 'Create an offer',
    form,
    categoryItems: [{ value: '', text: 'Choose a category' }, ...enumOptions(SERVICE_CATEGORIES, text(form, 'category'))],
    pricingItems: enumOptions(PRICING_UNITS, text(form, 'pricingUnit')),
    regionItems: regionOptions.map((r) => ({ ...r, checked: regions.includes(r.value) })),
    commitmentRows: Array.from({ length: COMMITMENT_ROWS }, (_, i) => ({ row: i + 1, measureItems: measureItems(i + 1) })),
  };
}
