import express from 'express';
import { ServiceProblem } from '../../core/graphql-client';
import { render } from '../../core/render';

interface Publication {
  financialYear: string;
  quarter: number;
  revision: number;
  publishedAt: string;
  contracts: number;
  csvUrl: string;
  jsonUrl: string;
  correctionReason?: string | null;
}

/**
 * Public pages, no sign-in. The supply-chain list is the API's own public listing
 * (/publications/supply-chain, the one place those are listed), read over HTTP like any client.
 */
export function publicRoutes(): express.Router {
  const router = express.Router();
  router.get('/supply-chain', async (req, res) => {
    const base = (res.locals.graphqlUrl as string | undefined)?.replace(/\/graphql$/, '') ?? `http://127.0.0.1:${req.socket.localPort}`;
    const response = await fetch(`${base}/publications/supply-chain`).catch((e: Error) => {
      throw new ServiceProblem(e.message);
    });
    if (!response.ok) throw new ServiceProblem(`publications answered ${response.status}`);
    const { publications } = (await response.json()) as { publications: Publication[] };
    render(res, 'pages/public/supply-chain.njk', { title: 'Supply-chain publications', publications, links: publications.map(relative) });
  });
  return router;
}

/** Same-origin links: the published URLs carry PUBLIC_BASE_URL, the pages link to this host. */
function relative(p: Publication) {
  const path = (url: string) => new URL(url).pathname;
  return { csv: path(p.csvUrl), json: path(p.jsonUrl) };
}
