import { allActivityKinds, cursorPage, type ActivityTimeline, type ActivityTimelineQuery } from '@pasar/contracts';
import type { ActivityStore } from '../data-access/influx.ts';
import { readTimeline } from '../data-access/timeline-query.ts';
import { decodeCursor, encodeCursor } from './timeline-cursor.ts';

export type CustomerTimeline = ReturnType<typeof createCustomerTimeline>;

/** One page of a customer's activity, newest first; the cursor leads to the next, older page. */
export function createCustomerTimeline(store: ActivityStore) {
  return async function customerTimeline(customerId: string, query: ActivityTimelineQuery): Promise<ActivityTimeline> {
    const rows = await readTimeline(store, {
      customerId,
      from: query.from,
      to: query.to,
      kinds: query.kinds ?? allActivityKinds,
      // One more than asked tells whether another page follows.
      limit: query.limit + 1,
      before: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    });
    const page = cursorPage(rows, query.limit, (last) => encodeCursor(last.position));
    return { customerId, items: page.items.map((row) => row.entry), nextCursor: page.nextCursor };
  };
}
