import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import nunjucks from 'nunjucks';
import type { AppConfig } from '@mkt/config';
import { authRoutes } from './auth/auth.routes';
import { createOidcClient, type Discover } from './auth/oidc';
import { UserFacingErrors } from './core/graphql-client';
import { render } from './core/render';
import { csrfMiddleware, loadSessionKey, sessionMiddleware } from './core/session';
import { registerViewHelpers } from './core/view-helpers';
import { adminRoutes } from './journeys/admin/admin.routes';
import { commissionerRoutes } from './journeys/commissioner/commissioner.routes';
import { directorateRoutes } from './journeys/directorate/directorate.routes';
import { providerRoutes } from './journeys/provider/provider.routes';
import { publicRoutes } from './journeys/public/public.routes';
import { loadWebConfig, WebConfig } from './web-config';
import { isWebPath } from './web-paths';

/** Anything that can `use` an Express handler: the Nest Express app, or a plain Express app. */
interface HandlerHost {
  use(handler: (req: Request, res: Response, next: NextFunction) => void): unknown;
}

/** The app's logger (pino), or anything with its `error` signature. */
export interface WebLogger {
  error(details: Record<string, unknown>, message: string): void;
}

// Resolved from the working directory: the compiled app and the tests both run from the project root.
const requireFromRoot = createRequire(path.join(process.cwd(), 'package.json'));
const GOVUK_DIST = path.join(path.dirname(requireFromRoot.resolve('govuk-frontend/package.json')), 'dist');
const MOJ_ROOT = path.dirname(requireFromRoot.resolve('@ministryofjustice/frontend/package.json'));
const WEB_ROOT = path.join(process.cwd(), 'apps', 'web');

/**
 * Mounts the GOV.UK pages next to the API (one process, one port). Returns false, mounting
 * nothing, in production without OIDC settings: there is no sign-in to offer then.
 */
export async function mountWeb(host: HandlerHost, appConfig: AppConfig, logger: WebLogger, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const config = loadWebConfig(appConfig, env);
  if (config.production && !config.oidc) return false;
  const web = await createWebRouter(config, logger);
  host.use((req, res, next) => (isWebPath(req.path) ? web(req, res, next) : next()));
  return true;
}

/** `discover` replaces OIDC discovery (tests use a local provider over plain HTTP). */
export async function createWebRouter(config: WebConfig, logger: WebLogger, options: { discover?: Discover } = {}): Promise<express.Router> {
  // Its own environment, not nunjucks' global one: several apps may share a process (tests, replicas).
  const loader = new nunjucks.FileSystemLoader([path.join(WEB_ROOT, 'views'), GOVUK_DIST, MOJ_ROOT], { noCache: !config.production });
  const views = new nunjucks.Environment(loader, { autoescape: true });
  registerViewHelpers(views);
  const sessionKey = await loadSessionKey(config.dataDir, config.sessionSecret);
  const oidc = config.oidc ? createOidcClient(config.oidc, options.discover) : undefined;

  const router = express.Router();
  router.use('/assets', express.static(path.join(GOVUK_DIST, 'govuk', 'assets'), { maxAge: '1d', index: false }));
  router.use('/assets/govuk', express.static(path.join(GOVUK_DIST, 'govuk'), { maxAge: '1d', index: false }));
  router.use('/assets/moj', express.static(path.join(MOJ_ROOT, 'moj'), { maxAge: '1d', index: false }));
  router.use('/assets/web', express.static(path.join(WEB_ROOT, 'public'), { maxAge: '1h', index: false }));
  router.use(pageHeaders);
  router.use((_req, res, next) => {
    res.locals.views = views;
    res.locals.graphqlUrl = config.graphqlUrl;
    res.locals.devSignIn = !oidc;
    res.locals.logger = logger;
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 }));
  router.use(sessionMiddleware(sessionKey, config.production));
  router.use(csrfMiddleware);
  router.use(authRoutes(config, oidc));
  router.use(publicRoutes());
  router.use('/provider', providerRoutes());
  router.use('/admin', adminRoutes());
  router.use('/commissioner', commissionerRoutes());
  router.use('/directorate', directorateRoutes());
  router.use((_req: Request, res: Response) => {
    res.status(404);
    render(res, 'pages/error.njk', { title: 'Page not found', message: 'If you typed the web address, check it is correct.' });
  });
  router.use(errorPage(logger));
  return router;
}

/**
 * The pages' own policy, replacing the API's `default-src 'none'` on these paths only: our own
 * styles, scripts, fonts and images, a nonce for the one inline script, forms posting to us only.
 */
function pageHeaders(_req: Request, res: Response, next: NextFunction): void {
  const nonce = randomBytes(16).toString('base64');
  res.locals.cspNonce = nonce;
  res.setHeader(
    'content-security-policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "font-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join('; '),
  );
  res.setHeader('cache-control', 'no-store');
  next();
}

/** Refusals the person can act on get their page; anything else the generic GOV.UK 500 page. */
const errorPage =
  (logger: WebLogger) =>
  (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) return void res.end();
    if (error instanceof UserFacingErrors) {
      if (error.codes.includes('UNAUTHENTICATED')) return res.redirect(303, '/sign-in');
      if (error.codes.includes('FORBIDDEN')) {
        res.status(403);
        return render(res, 'pages/error.njk', {
          title: 'You cannot view this page',
          message: 'Your role does not allow it. Sign in with another role.',
        });
      }
      if (error.codes.includes('NOT_FOUND')) {
        res.status(404);
        return render(res, 'pages/error.njk', { title: 'Page not found', message: 'It may have been removed.' });
      }
    }
    const status = (error as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // The form body could not be read (too large, malformed): the person can go back and try again.
      res.status(status);
      return render(res, 'pages/error.njk', { title: 'Your form could not be sent', message: 'Go back, check what you entered and try again.' });
    }
    const requestId = res.getHeader('x-request-id');
    logger.error({ err: error, requestId, path: req.path, method: req.method }, 'web page failed');
    res.status(500);
    render(res, 'pages/error.njk', { title: 'Sorry, there is a problem with the service', message: 'Try again later.', requestId });
  };
