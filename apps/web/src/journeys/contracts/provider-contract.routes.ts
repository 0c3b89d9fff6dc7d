import express, { type Request, type Response } from 'express';
import { isDecimalText } from '@mkt/common';
import { FormErrors, apiErrors, required, text, type Form } from '../../core/forms';
import { gqlFor, UserFacingErrors } from '../../core/graphql-client';
import { flash, render } from '../../core/render';
import { myOrganisation } from '../provider/my-organisation';
import { CONTRACT, CONTRACTS, DECLARE_SUBCONTRACTOR, SUBMIT_REPORT } from './queries';

/** The charity's contracts: submit a period's performance report, declare subcontractors. */
export function providerContractRoutes(): express.Router {
  const router = express.Router();

  router.get('/', async (req, res) => {
    const organisation = await myOrganisation(req, res);
    const contracts = organisation ? (await gqlFor(req, res)(CONTRACTS, { filter: { providerIds: [organisation.id] } })).contracts : { edges: [] };
    render(res, 'pages/contracts/list.njk', { title: 'Your contracts', contracts, contractBase: '/provider/contracts' });
  });

  router.get('/:id', (req, res) => renderContract(req, res, {}));

  router.post('/:id/reports', submitReport);

  router.post('/:id/subcontractors', declareSubcontractor);
  return router;
}

async function renderContract(req: Request, res: Response, form: Form, errors?: FormErrors) {
  const { contract } = await gqlFor(req, res)(CONTRACT, { id: req.params.id });
  const reportable = contract.schedule.filter((p) => p.reportStatus !== 'APPROVED' && p.reportStatus !== 'SUBMITTED');
  render(
    res,
    'pages/contracts/provider-contract.njk',
    {
      title: contract.offer.title,
      contract,
      form,
      periodItems: [
        { value: '', text: 'Choose a period' },
        ...reportable.map((p) => ({ value: p.period, text: p.period, selected: text(form, 'period') === p.period })),
      ],
      tier2Items: [
        { value: '', text: 'None (tier 2)' },
        ...contract.subcontractors.filter((s) => s.tier === 2).map((s) => ({ value: s.id, text: s.name })),
      ],
    },
    errors,
  );
}

async function submitReport(req: express.Request, res: express.Response) {
  const gql = gqlFor(req, res);
  const form = req.body as Form;
  const errors = new FormErrors();
  const { contract } = await gql(CONTRACT, { id: req.params.id });
  const period = required(errors, form, 'period', 'Select the reporting period');
  const narrative = required(errors, form, 'narrative', 'Describe the period: what went well and what did not');
  const actuals = contract.outcomeMeasures.map((m) => {
    const value = text(form, `actual-${m.code}`);
    if (!isDecimalText(value, { unsigned: true })) errors.add(`actual-${m.code}`, `Enter the result for ${m.code} as a number, like 0.6`);
    return { measureId: m.id, value: Number(value) };
  });
  if (!errors.any) {
    try {
      await gql(SUBMIT_REPORT, { input: { contractId: contract.id, period, narrative, actuals } });
      flash(res, `Performance report for ${period} submitted. A commissioner will review it.`);
      return res.redirect(303, `/provider/contracts/${contract.id}`);
    } catch (error) {
      if (!(error instanceof UserFacingErrors)) throw error;
      apiErrors(errors, error, 'period');
    }
  }
  await renderContract(req, res, form, errors);
}

async function declareSubcontractor(req: express.Request<{ id: string }>, res: express.Response) {
  const form = req.body as Form;
  const errors = new FormErrors();
  const tier = required(errors, form, 'tier', 'Select the tier');
  const input = {
    contractId: req.params.id,
    tier: Number(tier),
    name: required(errors, form, 'subName', "Enter the subcontractor's name"),
    identifier: required(errors, form, 'subIdentifier', 'Enter the org-id identifier, like GB-CHC-1234567'),
    serviceSummary: required(errors, form, 'serviceSummary', 'Summarise what the subcontractor delivers'),
    parentSubcontractorId: text(form, 'parentSubcontractorId') || undefined,
  };
  if (!errors.any) {
    try {
      const { declareSubcontractor: s } = await gqlFor(req, res)(DECLARE_SUBCONTRACTOR, { input });
      flash(res, `${s.name} declared as a tier ${s.tier} subcontractor.`);
      return res.redirect(303, `/provider/contracts/${req.params.id}`);
    } catch (error) {
      if (!(error instanceof UserFacingErrors)) throw error;
      apiErrors(errors, error, 'subName', {}, { name: 'subName', identifier: 'subIdentifier', parentSubcontractorId: 'parentSubcontractorId' });
    }
  }
  await renderContract(req, res, form, errors);
}
