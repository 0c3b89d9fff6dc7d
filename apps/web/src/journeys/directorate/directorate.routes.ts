import express, { type Request, type Response } from 'express';
import { FINANCIAL_YEAR, financialYearOf } from '@mkt/common';
import { INCOME_BAND_LABELS, SERVICE_CATEGORIES } from '../../core/enums';
import { FormErrors, apiErrors, pounds, required, text, type Form } from '../../core/forms';
import { graphqlUrlFor, gqlFor, ServiceProblem, UserFacingErrors, type Money } from '../../core/graphql-client';
import { requireRole } from '../../core/guards';
import { flash, render } from '../../core/render';
import type { WebSession } from '../../core/session';
import { enumOptions, formatPounds, regionName, regionOptions } from '../../core/view-helpers';
import { barChartSvg } from './charts';
import { DASHBOARD, DASHBOARD_BUDGETS, PUBLISH_SUPPLY_CHAIN, SET_BUDGET, type Dashboard } from './queries';

const CSV_GROUPINGS = ['REGION', 'FINANCIAL_QUARTER', 'CATEGORY', 'PROVIDER', 'INCOME_BAND'];
const CSV_EXPORTS: Record<string, string> = { 'spend.csv': 'spend.csv', 'sustainability-gap.csv': 'sustainability-gap.csv' };

/** The commissioning directorate: budgets, the spend dashboard, the quarterly supply-chain publication. */
export function directorateRoutes(): express.Router {
  const router = express.Router();
  router.use(requireRole('DIRECTORATE', 'AUDITOR'));

  router.get('/', async (req, res) => {
    const year = chosenYear(req);
    const gql = gqlFor(req, res);
    const [spend, budgets] = await Promise.all([
      gql(DASHBOARD, { filter: { financialYears: [year] } }),
      gql(DASHBOARD_BUDGETS, { budgets: { financialYears: [year] } }),
    ]);
    const data: Dashboard = { ...spend, ...budgets };
    render(res, 'pages/directorate/home.njk', { title: 'Spend and budgets', year, ...data, charts: dashboardCharts(data, year) });
  });

  // CSV downloads: the API's exports need the bearer token, which only this server holds.
  router.get('/exports/:file', downloadCsv);

  router.get('/budgets/new', (req, res) => renderBudgetForm(res, { financialYear: chosenYear(req) }));
  router.post('/budgets/new', setBudget);

  router.get('/publish', (_req, res) => render(res, 'pages/directorate/publish.njk', { title: 'Publish the supply chain', form: {} }));
  router.post('/publish', publishSupplyChain);
  return router;
}

function chosenYear(req: Request): string {
  const asked = text(req.query as Form, 'year');
  return FINANCIAL_YEAR.test(asked) ? asked : financialYearOf(new Date().toISOString().slice(0, 10));
}

function renderBudgetForm(res: Response, form: Form, errors?: FormErrors) {
  render(
    res,
    'pages/directorate/budget-form.njk',
    {
      title: 'Set a budget',
      form,
      regionItems: [{ value: '', text: 'Choose a region' }, ...regionOptions.map((r) => ({ ...r, selected: text(form, 'regionCode') === r.value }))],
      categoryItems: [{ value: '', text: 'General pot (any category)' }, ...enumOptions(SERVICE_CATEGORIES, text(form, 'category'))],
    },
    errors,
  );
}

/** The four charts, each from the same rows its table shows. */
/** The two bars of a spend chart: committed and paid, per row. */
function committedAndPaid(rows: { committed: Money; paid: Money }[]) {
  return [
    { name: 'Committed', values: rows.map((r) => r.committed.amount), className: 'app-chart__bar' },
    { name: 'Paid', values: rows.map((r) => r.paid.amount), className: 'app-chart__bar--alt' },
  ];
}

function dashboardCharts(data: Dashboard, year: string) {
  const money = (v: number | string) => formatPounds(String(v));
  const share = (v: number | string) => `${Math.round(Number(v) * 1000) / 10}%`;
  const byRegion = data.byRegion.rows;
  const byQuarter = data.byQuarter.rows;
  const bands = data.inclusion.totals.byIncomeBand;
  const gap = data.gap.rows;
  return {
    region: barChartSvg({
      id: 'chart-region',
      title: `Spend by region, ${year}`,
      description: 'Committed and paid, in pounds, per region. The table below gives the same figures.',
      labels: byRegion.map((r) => regionName(r.regionCode)),
      format: money,
      series: committedAndPaid(byRegion),
    }),
    quarter: barChartSvg({
      id: 'chart-quarter',
      title: `Spend by quarter, ${year}`,
      description: 'Committed and paid, in pounds, per quarter of the financial year.',
      labels: byQuarter.map((r) => `Quarter ${r.quarter}`),
      format: money,
      series: committedAndPaid(byQuarter),
    }),
    inclusion: barChartSvg({
      id: 'chart-inclusion',
      title: `Share of committed money by provider income, ${year}`,
      description: 'The share of the money committed that reaches each income band.',
      labels: bands.map((b) => INCOME_BAND_LABELS[b.incomeBand] ?? b.incomeBand),
      format: share,
      series: [{ name: 'Share committed', values: bands.map((b) => b.committedShare ?? 0), className: 'app-chart__bar' }],
    }),
    gap: barChartSvg({
      id: 'chart-gap',
      title: `Funding gap by region, ${year}`,
      description: 'What providers subsidise: the declared full cost the prices do not cover, in pounds.',
      labels: gap.map((r) => regionName(r.regionCode)),
      format: money,
      series: [{ name: 'Funding gap', values: gap.map((r) => r.gap.amount), className: 'app-chart__bar--alt' }],
    }),
  };
}

async function downloadCsv(req: express.Request, res: express.Response) {
  const file = CSV_EXPORTS[String(req.params.file)];
  if (!file) return res.status(404).end();
  const base = graphqlUrlFor(req, res.locals.graphqlUrl as string | undefined).replace(/\/graphql$/, '');
  // Only the groupings the dashboard links to; anything else gets the region table.
  const asked = text(req.query as Form, 'groupBy');
  const groupBy = CSV_GROUPINGS.includes(asked) ? asked : 'REGION';
  const query = new URLSearchParams({ groupBy, financialYears: chosenYear(req) });
  const upstream = await fetch(`${base}/exports/${file}?${query.toString()}`, {
    headers: { authorization: `Bearer ${(res.locals.session as WebSession).token}` },
  });
  if (!upstream.ok || !upstream.body) throw new ServiceProblem(`export answered ${upstream.status}`);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', upstream.headers.get('content-disposition') ?? `attachment; filename="${file}"`);
  res.send(Buffer.from(await upstream.arrayBuffer()));
}

async function setBudget(req: express.Request, res: express.Response) {
  const form = req.body as Form;
  const errors = new FormErrors();
  const input = {
    regionCode: required(errors, form, 'regionCode', 'Select a region'),
    financialYear: required(errors, form, 'financialYear', 'Enter the financial year, like 2026-27'),
    category: text(form, 'category') || undefined,
    amount: pounds(errors, form, 'amount', 'Amount'),
  };
  if (input.financialYear && !FINANCIAL_YEAR.test(input.financialYear)) errors.add('financialYear', 'Financial year must look like 2026-27');
  if (!errors.any) {
    try {
      const { setBudget } = await gqlFor(req, res)(SET_BUDGET, { input });
      flash(res, `Budget for ${regionName(setBudget.regionCode)} ${setBudget.financialYear} set to ${formatPounds(setBudget.allocated)}.`);
      return res.redirect(303, `/directorate?year=${setBudget.financialYear}`);
    } catch (error) {
      if (!(error instanceof UserFacingErrors)) throw error;
      apiErrors(errors, error, 'amount', { BUDGET_BELOW_COMMITMENTS: 'amount' });
    }
  }
  renderBudgetForm(res, form, errors);
}

async function publishSupplyChain(req: express.Request, res: express.Response) {
  const form = req.body as Form;
  const errors = new FormErrors();
  const financialYear = required(errors, form, 'financialYear', 'Enter the financial year, like 2026-27');
  if (financialYear && !FINANCIAL_YEAR.test(financialYear)) errors.add('financialYear', 'Financial year must look like 2026-27');
  const quarter = required(errors, form, 'quarter', 'Select the quarter');
  if (!errors.any) {
    try {
      const { publishSupplyChain: p } = await gqlFor(req, res)(PUBLISH_SUPPLY_CHAIN, {
        financialYear,
        quarter: Number(quarter),
        correctionReason: text(form, 'correctionReason') || undefined,
      });
      flash(res, `Published ${p.financialYear} quarter ${p.quarter} (revision ${p.revision}): ${p.contracts} contracts.`);
      return res.redirect(303, '/supply-chain');
    } catch (error) {
      if (!(error instanceof UserFacingErrors)) throw error;
      apiErrors(errors, error, 'financialYear', { QUARTER_NOT_ENDED: 'quarter', NOTHING_TO_PUBLISH: 'quarter' });
    }
  }
  render(res, 'pages/directorate/publish.njk', { title: 'Publish the supply chain', form }, errors);
}
