import type { Point } from '@influxdata/influxdb-client';
import type { CustomerLoggedInV1, OrderCreatedV1, PaymentStatusV1, ProductSearchedV1 } from '@pasar/contracts';
import { DropMessage } from '@pasar/service-kit';
import { loginPoint, orderPoint, paymentPoint, searchPoint } from '../data-access/activity-points.ts';
import { PointRejected, writePoint, type ActivityStore } from '../data-access/influx.ts';

/** Earliest and latest times the query API can read back (see ActivityTimelineQuery). */
const EARLIEST_MS = Date.UTC(1970, 0, 1);
const LATEST_MS = Date.UTC(2262, 0, 1);

export interface ActivityRecorder {
  search: (event: ProductSearchedV1) => Promise<void>;
  login: (event: CustomerLoggedInV1) => Promise<void>;
  order: (event: OrderCreatedV1) => Promise<void>;
  payment: (event: PaymentStatusV1) => Promise<void>;
}

/**
 * Records each event as one point at the event's own time. Recording it again overwrites that same
 * point, so redelivery is harmless. A store that fails throws (the message comes again); an event
 * that can never be stored is dropped to the dead-letter topic.
 */
export function createActivityRecorder(store: ActivityStore): ActivityRecorder {
  return {
    search: (event) => record(store, event, searchPoint),
    login: (event) => record(store, event, loginPoint),
    order: (event) => record(store, event, orderPoint),
    payment: (event) => record(store, event, paymentPoint),
  };
}

async function record<E extends { occurredAt: string }>(store: ActivityStore, event: E, toPoint: (event: E) => Point): Promise<void> {
  assertRecordableTime(event.occurredAt);
  try {
    await writePoint(store, toPoint(event));
  } catch (error) {
    if (error instanceof PointRejected) throw new DropMessage(error.message, { cause: error });
    throw error;
  }
}

function assertRecordableTime(occurredAt: string): void {
  const millis = Date.parse(occurredAt);
  if (!(millis >= EARLIEST_MS && millis < LATEST_MS)) throw new DropMessage(`occurredAt ${occurredAt} is outside 1970..2262`);
}
