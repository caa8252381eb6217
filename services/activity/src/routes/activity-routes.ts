import { ActivityStatsQuery, ActivityTimelineParams, ActivityTimelineQuery, ActivityTopQueriesQuery } from '@pasar/contracts';
import { parseInput } from '@pasar/service-kit';
import express from 'express';
import type { ActivityStats } from '../domain/stats.ts';
import type { CustomerTimeline } from '../domain/timeline.ts';

export function activityRoutes({ customerTimeline, stats }: { customerTimeline: CustomerTimeline; stats: ActivityStats }): express.Router {
  const router = express.Router();

  router.get('/activity/customers/:customerId/timeline', async (req, res) => {
    const { customerId } = parseInput(ActivityTimelineParams, req.params, 'params');
    const query = parseInput(ActivityTimelineQuery, req.query, 'query');
    res.json(await customerTimeline(customerId, query));
  });

  router.get('/activity/stats/searches-per-hour', async (req, res) => {
    res.json(await stats.searchesPerHour(parseInput(ActivityStatsQuery, req.query, 'query')));
  });

  router.get('/activity/stats/top-queries', async (req, res) => {
    res.json(await stats.mostSearched(parseInput(ActivityTopQueriesQuery, req.query, 'query')));
  });

  router.get('/activity/stats/orders-per-day', async (req, res) => {
    res.json(await stats.ordersPerDay(parseInput(ActivityStatsQuery, req.query, 'query')));
  });

  router.get('/activity/stats/payment-success-rate', async (req, res) => {
    res.json(await stats.paymentSuccessRate(parseInput(ActivityStatsQuery, req.query, 'query')));
  });

  return router;
}
