import { Topic } from '@pasar/contracts';
import type { AppUnderTest } from './app-under-test.ts';
import { oneLineOrderEvent } from './messages.ts';
import { eventually } from './poll.ts';
import type { ScratchSchema } from './scratch-schema.ts';

/**
 * Waits until the payment app handles order-created end to end (subscription live, payment,
 * webhook, callback): a marker published now has its callback done. Behind it would also be any
 * backlog the app's consumer group started with (see startAppWithSidecar). Used by the payment
 * app's tests and by the order app's, which run the real payment app.
 */
export async function drainOrderCreatedBacklog(publisher: Pick<AppUnderTest, 'dapr'>, paymentSchema: ScratchSchema): Promise<void> {
  const marker = oneLineOrderEvent(1, { sku: 'MARKER', name: 'backlog marker' });
  await publisher.dapr.publish(Topic.orderCreated, marker);
  await eventually(
    async () => {
      const { rows } = await paymentSchema.pool.query<{ callback_state: string }>(
        'select callback_state from payments where order_id = $1',
        [marker.orderId],
      );
      if (!['DONE', 'REJECTED'].includes(rows[0]?.callback_state ?? '')) throw new Error('the order-created backlog is not drained yet');
    },
    { timeoutMs: 170_000, intervalMs: 250 },
  );
}
