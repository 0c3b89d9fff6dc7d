import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { FormErrors, apiErrors, dateInput, pounds, required, text, type Form } from '../../core/forms';
import { gqlFor, UserFacingErrors } from '../../core/graphql-client';
import { currentUser } from '../../core/guards';
import { flash, render } from '../../core/render';
import { formatPounds } from '../../core/view-helpers';
import { APPROVE_REPORT, CONTRACT, CONTRACTS, RECORD_PAYMENT, RETURN_REPORT } from './queries';

/** The commissioner's contracts: review performance reports, record payments. */
export function commissionerContractRoutes(): express.Router {
  const router = express.Router();

  router.get('/', async (req, res) => {
    const { contracts } = await gqlFor(req, res)(CONTRACTS, { filter: { regionCodes: currentUser(res).regions } });
    render(res, 'pages/contracts/list.njk', { title: 'Contracts in your regions', contracts, contractBase: '/commissioner/contracts' });
  });

  router.get('/:id', (req, res) => renderContract(req, res, {}));

  router.post('/:id/reports/:reportId/approve', async (req, res) => {
    try {
      const { approvePerformanceReport: r } = await gqlFor(req, res)(APPROVE_REPORT, { id: req.params.reportId });
      flash(res, `Report for ${r.period} approved: ${r.outcomeEarned ? formatPounds(r.outcomeEarned) : 'nothing'} earned on outcomes.`);
      return res.redirect(303, `/commissioner/contracts/${req.params.id}`);
    } catch (error) {
      if (!(error instanceof UserFacingErrors)) throw error;
      const errors = new FormErrors();
      apiErrors(errors, error, `approve-${req.params.reportId}`);
      await renderContract(req, res, {}, errors);
    }
  });

  router.post('/:id/reports/:reportId/return', returnReport);

  router.post('/:id/payments', recordPayment);
  return router;
}

async function renderContract(req: Request, res: Response, form: Form, errors?: FormErrors) {
  const { contract } = await gqlFor(req, res)(CONTRACT, { id: req.params.id });
  render(
    res,
    'pages/contracts/commissioner-contract.njk',
    {
      title: contract.offer.title,
      contract,
      form,
      // A new key per form shown; kept when the form comes back with errors, so a retry is one payment.
      idempotencyKey: text(form, 'idempotencyKey') || randomUUID(),
      periodItems: [
        { value: '', text: 'Choose a period' },
        ...contract.schedule.map((p) => ({ value: p.period, text: p.period, selected: text(form, 'paymentPeriod') === p.period })),
      ],
      kindItems: ['FIXED', 'OUTCOME'].map((value) => ({
        value,
        text: value === 'FIXED' ? 'Fixed instalment' : 'Outcome payment',
        checked: text(form, 'kind') === value,
      })),
    },
    errors,
  );
}

async function returnReport(req: express.Request<{ id: string; reportId: string }>, res: express.Response) {
  const form = req.body as Form;
  const errors = new FormErrors();
  const field = `return-${req.params.reportId}`;
  const reason = text(form, 'reason');
  if (!reason) errors.add(field, 'Enter what the provider must correct');
  if (!errors.any) {
    try {
      await gqlFor(req, res)(RETURN_REPORT, { id: req.params.reportId, reason });
      flash(res, 'Report returned to the provider for correction.');
      return res.redirect(303, `/commissioner/contracts/${req.params.id}`);
    } catch (error) {
      if (!(error instanceof UserFacingErrors)) throw error;
      apiErrors(errors, error, field);
    }
  }
  await renderContract(req, res, form, errors);
}

async function recordPayment(req: express.Request<{ id: string }>, res: express.Response) {
  const form = req.body as Form;
  const errors = new FormErrors();
  const input = {
    contractId: req.params.id,
    period: required(errors, form, 'paymentPeriod', 'Select the period the payment is for'),
    kind: required(errors, form, 'kind', 'Select the kind of payment'),
    amount: pounds(errors, form, 'amount', 'Amount'),
    paidOn: dateInput(errors, form, 'paidOn', 'Date paid'),
    reference: required(errors, form, 'reference', 'Enter the finance system reference'),
    idempotencyKey: text(form, 'idempotencyKey') || randomUUID(),
  };
  if (!errors.any) {
    try {
      const { recordPayment: p } = await gqlFor(req, res)(RECORD_PAYMENT, { input });
      flash(res, `Payment of ${formatPounds(p.amount)} recorded for ${p.period} (${p.kind.toLowerCase()}).`);
      return res.redirect(303, `/commissioner/contracts/${req.params.id}`);
    } catch (error) {
      if (!(error instanceof UserFacingErrors)) throw error;
      apiErrors(
        errors,
        error,
        'amount',
        { PAYMENT_NOT_DUE: 'paymentPeriod', OVERPAYMENT: 'amount', SEPARATION_OF_DUTIES: 'paymentPeriod' },
        { period: 'paymentPeriod', paidOn: 'paidOn-day' },
      );
    }
  }
  await renderContract(req, res, form, errors);
}
