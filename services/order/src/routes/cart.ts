import {
  AddCartItemRequest,
  CartItemParams,
  ETAG_HEADER,
  IF_MATCH_HEADER,
  MergeCartRequest,
  UpdateCartItemRequest,
} from '@pasar/contracts';
import { callerIdOf, parseInput } from '@pasar/service-kit';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { CartAnswer, CartCondition, CartUseCases } from '../domain/cart-use-cases.ts';

export const CartConditionHeaders = z.object({ [IF_MATCH_HEADER]: z.string().min(1).max(1000).optional() });

/** The caller's own cart: read it, change its lines, merge a guest cart into it. Every answer is the cart and its ETag. */
export function cartRoutes(deps: { cart: CartUseCases }): Router {
  const router = express.Router();

  router.get('/cart', async (req, res) => {
    send(res, await deps.cart.view(callerIdOf(req)));
  });

  router.post('/cart/items', async (req, res) => {
    const customerId = callerIdOf(req);
    const condition = conditionOf(req);
    const item = parseInput(AddCartItemRequest, req.body, 'body');
    send(res, await deps.cart.addItem(customerId, item, condition));
  });

  router.patch('/cart/items/:productId', async (req, res) => {
    const customerId = callerIdOf(req);
    const condition = conditionOf(req);
    const { productId } = parseInput(CartItemParams, req.params, 'params');
    const { quantity } = parseInput(UpdateCartItemRequest, req.body, 'body');
    send(res, await deps.cart.setQuantity(customerId, productId, quantity, condition));
  });

  router.delete('/cart/items/:productId', async (req, res) => {
    const customerId = callerIdOf(req);
    const condition = conditionOf(req);
    const { productId } = parseInput(CartItemParams, req.params, 'params');
    send(res, await deps.cart.removeItem(customerId, productId, condition));
  });

  router.post('/cart/merge', async (req, res) => {
    const customerId = callerIdOf(req);
    const condition = conditionOf(req);
    const { items } = parseInput(MergeCartRequest, req.body, 'body');
    send(res, await deps.cart.merge(customerId, items, condition));
  });

  return router;
}

function conditionOf(req: Request): CartCondition {
  return { ifMatch: parseInput(CartConditionHeaders, req.headers, 'headers')[IF_MATCH_HEADER] };
}

function send(res: Response, answer: CartAnswer): void {
  // The cart is the caller's own and changes under them: never from a cache.
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader(ETAG_HEADER, answer.etag);
  res.json(answer.view);
}
