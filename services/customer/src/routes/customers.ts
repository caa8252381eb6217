import { LoginRequest, RegisterCustomerRequest } from '@pasar/contracts';
import { parseInput } from '@pasar/service-kit';
import express, { type Router } from 'express';
import type { LogIn } from '../domain/login.ts';
import type { RegisterCustomer } from '../domain/register.ts';
import { loginOriginOf } from './login-origin.ts';

/** The public, unauthenticated routes: sign up and log in. */
export function customerRoutes(deps: { registerCustomer: RegisterCustomer; logIn: LogIn }): Router {
  const router = express.Router();

  router.post('/customers', async (req, res) => {
    const request = parseInput(RegisterCustomerRequest, req.body, 'body');
    res.status(201).json(await deps.registerCustomer(request));
  });

  router.post('/customers/login', async (req, res) => {
    const request = parseInput(LoginRequest, req.body, 'body');
    res.json(await deps.logIn(request, loginOriginOf(req)));
  });

  return router;
}
