import express from 'express';
import { FormErrors, apiErrors } from '../../core/forms';
import { gqlFor, UserFacingErrors } from '../../core/graphql-client';
import { requireRole } from '../../core/guards';
import { flash, render } from '../../core/render';
import { UNVERIFIED_ORGANISATIONS, VERIFY_ORGANISATION } from './queries';

/** The ADMIN's due diligence: verify registered organisations so they may publish offers. */
export function adminRoutes(): express.Router {
  const router = express.Router();
  router.use(requireRole('ADMIN'));

  router.get('/', async (req, res) => {
    const { organisations } = await gqlFor(req, res)(UNVERIFIED_ORGANISATIONS);
    render(res, 'pages/admin/home.njk', { title: 'Verify organisations', organisations });
  });

  router.post('/organisations/:id/verify', async (req, res) => {
    const gql = gqlFor(req, res);
    try {
      const { verifyOrganisation } = await gql(VERIFY_ORGANISATION, { id: req.params.id });
      flash(res, `${verifyOrganisation.legalName} is verified and may publish offers.`);
      return res.redirect(303, '/admin');
    } catch (error) {
      if (!(error instanceof UserFacingErrors)) throw error;
      const errors = new FormErrors();
      apiErrors(errors, error, `verify-${req.params.id}`);
      const { organisations } = await gql(UNVERIFIED_ORGANISATIONS);
      render(res, 'pages/admin/home.njk', { title: 'Verify organisations', organisations }, errors);
    }
  });
  return router;
}
