import type { Request, Response } from 'express';
import { gqlFor, UserFacingErrors } from '../../core/graphql-client';
import { currentUser } from '../../core/guards';
import { MY_ORGANISATION } from './queries';

/** The caller's organisation, or undefined when it is not registered yet. */
export async function myOrganisation(req: Request, res: Response) {
  try {
    return (await gqlFor(req, res)(MY_ORGANISATION, { identifier: currentUser(res).org })).organisation;
  } catch (error) {
    if (error instanceof UserFacingErrors && error.codes.every((c) => c === 'NOT_FOUND')) return undefined;
    throw error;
  }
}
