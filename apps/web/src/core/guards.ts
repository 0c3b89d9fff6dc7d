import type { NextFunction, Request, Response } from 'express';
import type { WebSession } from './session';
import { render } from './render';

/**
 * A journey's pages need a signed-in user with one of its roles. The API decides what the token may
 * do; this only sends people to the right place instead of showing them an error.
 */
export function requireRole(...roles: string[]) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const user = (res.locals.session as WebSession).user;
    if (!user) return res.redirect(303, '/sign-in');
    if (!roles.some((r) => user.roles.includes(r))) {
      res.status(403);
      return render(res, 'pages/error.njk', {
        title: 'You cannot view this page',
        message: 'Your role does not allow it. Sign in with another role.',
      });
    }
    next();
  };
}

export function currentUser(res: Response) {
  return (res.locals.session as WebSession).user!;
}
