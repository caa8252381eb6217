import { ActivityStatsQuery, ActivityTimelineParams, ActivityTimelineQuery, ActivityTopQueriesQuery } from '@pasar/contracts';
import { parseInput } from '@pasar/service-kit';
import express from 'express';
import type { ActivityStore } from '../data-access/influx.ts';
import { mostSearched, ordersPerDay, paymentSuccessRate, searchesPerHour } from '../domain/stats.ts';
import { customerTimeline } from '../domain/timeline.ts';

export function activityRoutes(store: ActivityStore): express.Router {
  const router = express.Router();

  router.get('/activity/customers/:customerId/timeline', async (req, res) => {
    const { customerId } = parseInput(ActivityTimelineParams, req.params, 'params');
    const query = parseInput(ActivityTimelineQuery, req.query, 'query');
    res.json(await customerTimeline(store, customerId, query));
  });

  router.get('/activity/stats/searches-per-hour', async (req, res) => {
    res.json(await searchesPerHour(store, parseInput(ActivityStatsQuery, req.query, 'query')));
  });

  router.get('/activity/stats/top-queries', async (req, res) => {
    res.json(await mostSearched(store, parseInput(ActivityTopQueriesQuery, req.query, 'query')));
  });

  router.get('/activity/stats/orders-per-day', async (req, res) => {
    res.json(await ordersPerDay(store, parseInput(ActivityStatsQuery, req.query, 'query')));
  });

  router.get('/activity/stats/payment-success-rate', async (req, res) => {
    res.json(await paymentSuccessRate(store, parseInput(ActivityStatsQuery, req.query, 'query')));
  });

  return router;
}
