import type {
  ActivityStatsQuery,
  ActivityTopQueriesQuery,
  OrdersPerDay,
  PaymentSuccessRate,
  SearchesPerHour,
  TopQueries,
} from '@pasar/contracts';
import type { ActivityStore } from '../data-access/influx.ts';
import { countPaymentOutcomes, countSearchesPerHour, sumOrdersPerDay, topQueries, type TimeRange } from '../data-access/stats-queries.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export type ActivityStats = ReturnType<typeof createActivityStats>;

/** Figures over a time range of what every customer did. */
export function createActivityStats(store: ActivityStore) {
  return {
    async searchesPerHour(range: ActivityStatsQuery): Promise<SearchesPerHour> {
      const counted = new Map<number, number>();
      for (const row of await countSearchesPerHour(store, range)) counted.set(startOfPeriod(row.windowStart, HOUR_MS), row.searches);
      const hours = periodsOf(range, HOUR_MS).map((start) => ({ hour: new Date(start).toISOString(), searches: counted.get(start) ?? 0 }));
      return { ...isoRange(range), hours };
    },

    async mostSearched(query: ActivityTopQueriesQuery): Promise<TopQueries> {
      return { ...isoRange(query), queries: await topQueries(store, query, query.limit) };
    },

    /** Every UTC day of the range with its order count (all currencies) and revenue per currency. */
    async ordersPerDay(range: ActivityStatsQuery): Promise<OrdersPerDay> {
      const emptyDay = () => ({ orders: 0, revenue: [] as Array<{ amount: number; currency: string }> });
      const days = new Map(periodsOf(range, DAY_MS).map((start) => [start, emptyDay()]));
      for (const row of await sumOrdersPerDay(store, range)) {
        const day = days.get(startOfPeriod(row.windowStart, DAY_MS));
        if (!day) continue;
        day.orders += row.orders;
        day.revenue.push({ amount: row.revenue, currency: row.currency });
      }
      return {
        ...isoRange(range),
        days: [...days].map(([start, day]) => ({
          day: new Date(start).toISOString().slice(0, 10),
          orders: day.orders,
          revenue: day.revenue.sort((a, b) => a.currency.localeCompare(b.currency)),
        })),
      };
    },

    /**
     * A refunded payment reported SUCCEEDED first and REFUNDED later, so it is taken out of the
     * succeeded ones: it is no success. (Its two events can fall on either side of `from`; the count
     * then stays at 0 rather than going negative.)
     */
    async paymentSuccessRate(range: ActivityStatsQuery): Promise<PaymentSuccessRate> {
      const outcomes = await countPaymentOutcomes(store, range);
      const count = (status: string) => outcomes.find((row) => row.status === status)?.payments ?? 0;
      const refunded = count('REFUNDED');
      const succeeded = Math.max(0, count('SUCCEEDED') - refunded);
      const failed = count('FAILED');
      const total = succeeded + failed + refunded;
      return { ...isoRange(range), succeeded, failed, refunded, successRate: total === 0 ? null : succeeded / total };
    },
  };
}

/** The UTC hour or day a time falls in (Flux clips the first window's start to `from`). */
function startOfPeriod(time: string, periodMs: number): number {
  return Math.floor(Date.parse(time) / periodMs) * periodMs;
}

/** The start of every period that overlaps [from, to). */
function periodsOf(range: TimeRange, periodMs: number): number[] {
  const starts: number[] = [];
  for (let start = startOfPeriod(range.from.toISOString(), periodMs); start < range.to.getTime(); start += periodMs) starts.push(start);
  return starts;
}

function isoRange(range: TimeRange): { from: string; to: string } {
  return { from: range.from.toISOString(), to: range.to.toISOString() };
}
