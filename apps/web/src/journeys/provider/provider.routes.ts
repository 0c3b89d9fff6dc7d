import express, { type Response } from 'express';
import { INCOME_BANDS, INCOME_BAND_LABELS, ORGANISATION_TYPES } from '../../core/enums';
import { FormErrors, apiErrors, list, required, text, type Form } from '../../core/forms';
import { gqlFor, UserFacingErrors } from '../../core/graphql-client';
import { currentUser, requireRole } from '../../core/guards';
import { flash, render } from '../../core/render';
import { enumOptions, regionOptions } from '../../core/view-helpers';
import { providerContractRoutes } from '../contracts/provider-contract.routes';
import { offerRoutes } from './offer.routes';
import { orderAnswerRoutes } from './order-answer.routes';
import { myOrganisation } from './my-organisation';
import { MY_OFFERS, ORDERS_TO_ANSWER, REGISTER_ORGANISATION } from './queries';

/** The charity's pages: register, list offers, answer orders. */
export function providerRoutes(): express.Router {
  const router = express.Router();
  router.use(requireRole('PROVIDER'));

  router.get('/', async (req, res) => {
    const gql = gqlFor(req, res);
    const organisation = await myOrganisation(req, res);
    const offers = organisation ? (await gql(MY_OFFERS, { providerId: organisation.id })).serviceOffers : undefined;
    const orders = organisation ? (await gql(ORDERS_TO_ANSWER, { statuses: ['SUBMITTED'] })).orders : undefined;
    render(res, 'pages/provider/home.njk', { title: 'Your organisation', organisation, offers, orders });
  });

  router.get('/register', (_req, res) => render(res, 'pages/provider/register.njk', registerView(res, {})));
  router.post('/register', async (req, res) => {
    const form = req.body as Form;
    const errors = new FormErrors();
    const input = {
      identifier: currentUser(res).org,
      legalName: required(errors, form, 'legalName', 'Enter the legal name'),
      organisationType: required(errors, form, 'organisationType', 'Select the type of organisation'),
      incomeBand: required(errors, form, 'incomeBand', 'Select the annual income'),
      contactEmail: required(errors, form, 'contactEmail', 'Enter a contact email address'),
      charityNumber: text(form, 'charityNumber') || undefined,
      companyNumber: text(form, 'companyNumber') || undefined,
      regionCodes: list(form, 'regionCodes'),
    };
    if (!input.regionCodes.length) errors.add('regionCodes', 'Select the regions you work in');
    if (!errors.any) {
      try {
        await gqlFor(req, res)(REGISTER_ORGANISATION, { input });
        flash(res, 'Your organisation is registered. An administrator will verify it before you can publish offers.');
        return res.redirect(303, '/provider');
      } catch (error) {
        if (!(error instanceof UserFacingErrors)) throw error;
        apiErrors(errors, error, 'legalName', { ORGANISATION_ALREADY_REGISTERED: 'legalName' });
      }
    }
    render(res, 'pages/provider/register.njk', registerView(res, form), errors);
  });

  router.use('/offers', offerRoutes());
  router.use('/orders', orderAnswerRoutes());
  router.use('/contracts', providerContractRoutes());
  return router;
}

function registerView(res: Response, form: Form) {
  const regions = list(form, 'regionCodes');
  return {
    title: 'Register your organisation',
    form,
    identifier: currentUser(res).org,
    typeItems: enumOptions(ORGANISATION_TYPES, text(form, 'organisationType')),
    incomeItems: INCOME_BANDS.map((value) => ({ value, text: INCOME_BAND_LABELS[value], checked: text(form, 'incomeBand') === value })),
    regionItems: regionOptions.map((r) => ({ ...r, checked: regions.includes(r.value) })),
  };
}
