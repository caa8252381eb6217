// Public REST request/response schemas of the activity service (read-only query API).
import { z } from 'zod';
import { Id, Money, PageCursor, QueryInteger, Timestamp } from '../common.ts';
import { PaymentMessageStatus } from '../messages/payment.ts';

/** What the activity service records: one InfluxDB measurement each. */
export const ActivityKind = z.enum(['search', 'login', 'order', 'payment']);
export type ActivityKind = z.infer<typeof ActivityKind>;
export const allActivityKinds: readonly ActivityKind[] = ActivityKind.options;

export const ACTIVITY_MAX_RANGE_DAYS = 366;
export const ACTIVITY_DEFAULT_RANGE_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * InfluxDB keeps nanoseconds in a signed 64-bit integer (up to 2262-04-11), and the timeline's
 * positions count them from 1970: the years 1971 to 2261 stay inside both whatever the offset. A
 * pattern on the text, so that the document says it.
 */
const Instant = Timestamp.regex(/^(?:197[1-9]|19[89]\d|2[01]\d\d|22[0-5]\d|226[01])-/, 'must be in the years 1971 to 2261').transform(
  (value) => new Date(value),
);

/**
 * A `from`/`to` query range (ISO timestamps, `from` inclusive, `to` exclusive). `to` defaults to now,
 * `from` to ACTIVITY_DEFAULT_RANGE_DAYS before `to`; RANGE_RULES are refinements (the 422 names `from`).
 */
export const RANGE_RULES = `\`from\` (default: ${ACTIVITY_DEFAULT_RANGE_DAYS} days before \`to\`) must be before \`to\` (default: now), and at most ${ACTIVITY_MAX_RANGE_DAYS} days before it.`;
const rangeFields = { from: Instant.optional(), to: Instant.optional() };

function resolveRange<Q extends { from?: Date | undefined; to?: Date | undefined }>(query: Q): Q & { from: Date; to: Date } {
  const to = query.to ?? new Date();
  const from = query.from ?? new Date(to.getTime() - ACTIVITY_DEFAULT_RANGE_DAYS * DAY_MS);
  return { ...query, from, to };
}

function checkRange(query: { from: Date; to: Date }, ctx: z.RefinementCtx): void {
  if (query.from >= query.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be before to' });
  else if (query.to.getTime() - query.from.getTime() > ACTIVITY_MAX_RANGE_DAYS * DAY_MS) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: `must be at most ${ACTIVITY_MAX_RANGE_DAYS} days before to` });
  }
}

const KIND = ` *(?:${ActivityKind.options.join('|')}) *`;
/** `kinds=search, login`: a comma-separated subset of ActivityKind (the pattern says exactly which). */
const KindList = z
  .string()
  .regex(new RegExp(`^${KIND}(?:,${KIND})*$`), `a comma-separated list of ${ActivityKind.options.join(', ')}`)
  .transform((value) => [...new Set(value.split(',').map((kind) => kind.trim() as ActivityKind))]);

/** `<point time, ns since the epoch>_<event id>`: at most 8999999999999999999 ns, inside an int64. */
export const TimelineCursor = PageCursor('\\d{1,18}|[1-8]\\d{18}');

export const ActivityTimelineParams = z.object({ customerId: Id });

export const ActivityTimelineQuery = z
  .object({
    ...rangeFields,
    kinds: KindList.optional(),
    limit: QueryInteger({ min: 1, max: 200 }).default(50),
    /** The `nextCursor` of the previous page. */
    cursor: TimelineCursor.optional(),
  })
  .transform(resolveRange)
  .superRefine(checkRange);
export type ActivityTimelineQuery = z.infer<typeof ActivityTimelineQuery>;

export const ActivityStatsQuery = z.object(rangeFields).transform(resolveRange).superRefine(checkRange);
export type ActivityStatsQuery = z.infer<typeof ActivityStatsQuery>;

export const ActivityTopQueriesQuery = z
  .object({ ...rangeFields, limit: QueryInteger({ min: 1, max: 100 }).default(10) })
  .transform(resolveRange)
  .superRefine(checkRange);
export type ActivityTopQueriesQuery = z.infer<typeof ActivityTopQueriesQuery>;

const entryBase = {
  eventId: Id,
  /** The event's own time, to the millisecond. */
  occurredAt: Timestamp,
};

export const SearchActivity = z.object({
  kind: z.literal('search'),
  ...entryBase,
  query: z.string(),
  resultCount: z.number().int().nonnegative(),
  filters: z.record(z.string(), z.unknown()),
});
export const LoginActivity = z.object({
  kind: z.literal('login'),
  ...entryBase,
  userAgent: z.string().optional(),
  ip: z.string().optional(),
});
export const OrderActivity = z.object({
  kind: z.literal('order'),
  ...entryBase,
  orderId: Id,
  total: Money,
  itemCount: z.number().int().nonnegative(),
});
export const PaymentActivity = z.object({
  kind: z.literal('payment'),
  ...entryBase,
  paymentId: Id,
  orderId: Id,
  status: PaymentMessageStatus,
  amount: Money,
  reason: z.string().optional(),
});

export const ActivityEntry = z.discriminatedUnion('kind', [SearchActivity, LoginActivity, OrderActivity, PaymentActivity]);
export type ActivityEntry = z.infer<typeof ActivityEntry>;

/** GET /activity/customers/:customerId/timeline: newest first. */
export const ActivityTimeline = z.object({
  customerId: Id,
  items: z.array(ActivityEntry),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ActivityTimeline = z.infer<typeof ActivityTimeline>;

const statsRange = { from: Timestamp, to: Timestamp };

/** GET /activity/stats/searches-per-hour: every UTC hour of the range, empty ones as 0. */
export const SearchesPerHour = z.object({
  ...statsRange,
  hours: z.array(z.object({ hour: Timestamp, searches: z.number().int().nonnegative() })),
});
export type SearchesPerHour = z.infer<typeof SearchesPerHour>;

/** GET /activity/stats/top-queries: queries compared trimmed and lower-cased; empty ones left out. */
export const TopQueries = z.object({
  ...statsRange,
  queries: z.array(z.object({ query: z.string(), searches: z.number().int().positive() })),
});
export type TopQueries = z.infer<typeof TopQueries>;

/** GET /activity/stats/orders-per-day: every UTC day of the range; revenue per currency. */
export const OrdersPerDay = z.object({
  ...statsRange,
  days: z.array(z.object({ day: z.iso.date(), orders: z.number().int().nonnegative(), revenue: z.array(Money) })),
});
export type OrdersPerDay = z.infer<typeof OrdersPerDay>;

/** GET /activity/stats/payment-success-rate: payment outcomes in the range. */
export const PaymentSuccessRate = z.object({
  ...statsRange,
  /** Charges that succeeded and were not refunded. */
  succeeded: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Charges that succeeded but were given back (their order could no longer take them). */
  refunded: z.number().int().nonnegative(),
  /** succeeded / (succeeded + failed + refunded); null when there was no payment. */
  successRate: z.number().min(0).max(1).nullable(),
});
export type PaymentSuccessRate = z.infer<typeof PaymentSuccessRate>;
