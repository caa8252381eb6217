import {
  ActivityStatsQuery,
  ActivityTimeline,
  ActivityTimelineParams,
  ActivityTimelineQuery,
  ActivityTopQueriesQuery,
  OrdersPerDay,
  PaymentSuccessRate,
  RANGE_RULES,
  SearchesPerHour,
  TopQueries,
} from '@pasar/contracts';
import type { ApiDescription, ApiOperation, ApiResponse } from '@pasar/service-kit';
import type { z } from 'zod';

const storeDown: Record<number, ApiResponse> = { 503: { description: 'InfluxDB cannot be reached' } };

function statsOperation(name: string, summary: string, query: z.ZodType, schema: z.ZodType): ApiOperation {
  return {
    method: 'GET',
    path: `/activity/stats/${name}`,
    summary,
    description: RANGE_RULES,
    tags: ['activity statistics'],
    query,
    responses: { 200: { description: summary, schema }, ...storeDown },
  };
}

/** What the activity service answers, with the schemas its routes parse with. */
export const activityApi: ApiDescription = {
  title: 'activity',
  version: '1.0.0',
  operations: [
    {
      method: 'GET',
      path: '/activity/customers/:customerId/timeline',
      summary: "A customer's activity, newest first",
      description: RANGE_RULES,
      tags: ['activity'],
      params: ActivityTimelineParams,
      query: ActivityTimelineQuery,
      responses: { 200: { description: 'A page of the timeline', schema: ActivityTimeline }, ...storeDown },
    },
    statsOperation('searches-per-hour', 'Searches in every UTC hour of the range', ActivityStatsQuery, SearchesPerHour),
    statsOperation('top-queries', 'The most searched queries', ActivityTopQueriesQuery, TopQueries),
    statsOperation('orders-per-day', 'Orders and revenue in every UTC day of the range', ActivityStatsQuery, OrdersPerDay),
    statsOperation('payment-success-rate', 'Final payment outcomes in the range', ActivityStatsQuery, PaymentSuccessRate),
  ],
};
