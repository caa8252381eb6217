import type { CustomerProfile } from '@pasar/contracts';
import { AppError, createServiceApp, sidecarCheck, type ServiceDeps } from '@pasar/service-kit';
import express from 'express';

/** A peer app answering the getCustomer contract from a list, standing in for the customer service. */
export function customerDirectory(customers: Map<string, CustomerProfile>) {
  return ({ logger, dapr }: ServiceDeps) => {
    const routes = express.Router();
    routes.get('/internal/customers/:customerId', (req, res) => {
      const customer = customers.get(req.params.customerId);
      if (!customer) throw AppError.notFound(`customer ${req.params.customerId} does not exist`);
      res.json(customer);
    });
    return { app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)], routes }) };
  };
}
