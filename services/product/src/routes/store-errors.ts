import type { ErrorRequestHandler } from 'express';
import { asAppError } from '../data-access/store-errors.ts';

/** A store outage becomes a 503 problem (the kit's handler answers it); other errors pass unchanged. */
export const storeErrorsAsProblems: ErrorRequestHandler = (error, _req, _res, next) => next(asAppError(error));
