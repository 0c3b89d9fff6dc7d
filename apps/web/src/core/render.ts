import type { Response } from 'express';
import type { Environment } from 'nunjucks';
import type { WebSession } from './session';
import type { FormErrors } from './forms';

/** Renders a Nunjucks page with what every page needs: the user, the CSRF token, the nonce, the flash. */
export function render(res: Response, view: string, context: Record<string, unknown> = {}, errors?: FormErrors): void {
  const env = res.locals.views as Environment;
  const session = res.locals.session as WebSession | undefined;
  const flash = session?.flash;
  if (session && flash) delete session.flash;
  const html = env.render(view, {
    user: session?.user,
    csrfToken: session?.csrf,
    cspNonce: res.locals.cspNonce as string | undefined,
    devSignIn: res.locals.devSignIn as boolean | undefined,
    currentPath: res.req.originalUrl,
    nav: navigation(session?.user?.roles, res.req.originalUrl),
    sectionNav: sectionNavigation(res.req.originalUrl),
    flash,
    fieldErrors: {},
    ...(errors ? errors.view() : {}),
    ...context,
  });
  if (errors?.any && res.statusCode === 200) res.status(400);
  res.type('html').send(html);
}

export function flash(res: Response, message: string): void {
  (res.locals.session as WebSession).flash = message;
}

/** The service navigation: one entry per journey the roles open, then sign-out. */
function navigation(roles: string[] | undefined, current: string) {
  const entries: [string, string, boolean][] = roles
    ? [
        ['/provider', 'Your organisation', roles.includes('PROVIDER')],
        ['/commissioner', 'Commissioning', roles.includes('COMMISSIONER')],
        ['/directorate', 'Spend and budgets', roles.includes('DIRECTORATE') || roles.includes('AUDITOR')],
        ['/admin', 'Verify organisations', roles.includes('ADMIN')],
        ['/supply-chain', 'Supply chain', true],
        ['/sign-out', 'Sign out', true],
      ]
    : [
        ['/supply-chain', 'Supply chain', true],
        ['/sign-in', 'Sign in', true],
      ];
  return entries
    .filter(([, , shown]) => shown)
    .map(([href, text]) => ({ href, text, active: current === href || current.startsWith(`${href}/`) || current.startsWith(`${href}?`) }));
}

/** Each journey's own pages, shown as the MoJ sub-navigation above its content. */
const SECTIONS: Record<string, [string, string][]> = {
  '/provider': [
    ['/provider', 'Overview'],
    ['/provider/orders', 'Orders'],
    ['/provider/contracts', 'Contracts'],
  ],
  '/commissioner': [
    ['/commissioner', 'Overview'],
    ['/commissioner/offers', 'Find a service'],
    ['/commissioner/orders', 'Orders'],
    ['/commissioner/contracts', 'Contracts'],
  ],
};

function sectionNavigation(current: string) {
  const path = current.split('?')[0];
  const section = Object.keys(SECTIONS).find((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  if (!section) return undefined;
  const items = SECTIONS[section];
  // The deepest entry that contains the current page is the active one.
  const active = items.filter(([href]) => path === href || path.startsWith(`${href}/`)).pop()?.[0];
  return items.map(([href, text]) => ({ href, text, active: href === active }));
}
