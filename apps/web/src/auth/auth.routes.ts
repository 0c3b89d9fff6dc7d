import { randomBytes } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { issueLocalToken, parseRole, Role } from '@mkt/auth';
import { REGIONS_2026 } from '@mkt/reference';
import { ROLES } from '../core/enums';
import { FormErrors, list, text, type Form } from '../core/forms';
import { render } from '../core/render';
import type { WebSession } from '../core/session';
import { regionOptions } from '../core/view-helpers';
import type { WebConfig } from '../web-config';
import type { OidcClient } from './oidc';
import type { WebLogger } from '../web-app';

/** Where each role starts after signing in. */
export function homeFor(roles: string[]): string {
  if (roles.includes('PROVIDER')) return '/provider';
  if (roles.includes('COMMISSIONER')) return '/commissioner';
  if (roles.includes('DIRECTORATE') || roles.includes('AUDITOR')) return '/directorate';
  if (roles.includes('ADMIN')) return '/admin';
  return '/';
}

/** A fresh CSRF token at every sign-in and sign-out: a token seen before signing in is worth nothing after. */
function startSession(res: Response, fill: Partial<WebSession>): void {
  res.locals.session = { csrf: randomBytes(24).toString('base64url'), ...fill } satisfies WebSession;
}

export function authRoutes(config: WebConfig, oidc?: OidcClient): express.Router {
  const router = express.Router();

  router.get('/', (_req, res) => {
    const user = (res.locals.session as WebSession).user;
    render(res, 'pages/start.njk', { home: user ? homeFor(user.roles) : undefined });
  });

  router.get('/sign-in', async (_req, res) => {
    if (!oidc) return render(res, 'pages/sign-in.njk', signInView({}));
    const { url, verifier, state } = await oidc.begin();
    (res.locals.session as WebSession).oidc = { verifier, state };
    res.redirect(303, url);
  });

  router.get('/sign-in/callback', async (req: Request, res: Response) => {
    const pending = (res.locals.session as WebSession).oidc;
    if (!oidc || !pending) return res.redirect(303, '/sign-in');
    const base = new URL(config.oidc!.redirectUri);
    let signedIn;
    try {
      signedIn = await oidc.finish(new URL(req.originalUrl, base.origin), pending);
    } catch (error) {
      // A forged or replayed callback, a refusal at the provider, or the provider unreachable.
      delete (res.locals.session as WebSession).oidc;
      (res.locals.logger as WebLogger | undefined)?.error({ err: error }, 'OIDC sign-in failed');
      res.status(400);
      return render(res, 'pages/error.njk', { title: 'There was a problem signing you in', message: 'Go to the sign-in page and try again.' });
    }
    startSession(res, signedIn);
    res.redirect(303, homeFor(signedIn.user.roles));
  });

  router.post('/sign-in', async (req: Request, res: Response) => {
    if (oidc) return res.redirect(303, '/sign-in');
    const form = req.body as Form;
    const errors = new FormErrors();
    const role = parseRole(text(form, 'role'));
    if (!role) errors.add('role', 'Select a role');
    const sub = text(form, 'sub');
    if (!/^[a-z0-9][a-z0-9._-]{1,62}$/i.test(sub)) errors.add('sub', 'Enter a user name of letters, digits, dots or dashes');
    const org = text(form, 'org');
    if (role === Role.PROVIDER && !/^GB-[A-Z]{2,3}-[A-Z0-9]{2,20}$/.test(org))
      errors.add('org', 'Enter the organisation identifier, like GB-CHC-1234567');
    const regions = list(form, 'regions').filter((r) => REGIONS_2026.some(([code]) => code === r));
    if (role === Role.COMMISSIONER && !regions.length) errors.add('regions', 'Select at least one region');
    if (errors.any || !role) return render(res, 'pages/sign-in.njk', signInView(form), errors);
    const claims = { sub, roles: [role], regions, org: org || undefined };
    const token = await issueLocalToken(config.dataDir, claims);
    startSession(res, { token, user: { ...claims, via: 'local' }, flash: `Signed in as ${sub} (${role.toLowerCase()})` });
    res.redirect(303, homeFor(claims.roles));
  });

  router.get('/sign-out', (_req, res) => render(res, 'pages/sign-out.njk'));
  router.post('/sign-out', (_req, res) => {
    startSession(res, { flash: 'You have signed out' });
    res.redirect(303, '/');
  });
  return router;
}

function signInView(form: Form) {
  const chosen = list(form, 'regions');
  return {
    form,
    roleItems: ROLES.map((value) => ({ value, text: value.charAt(0) + value.slice(1).toLowerCase(), checked: text(form, 'role') === value })),
    regionItems: regionOptions.map((r) => ({ ...r, checked: chosen.includes(r.value) })),
  };
}
