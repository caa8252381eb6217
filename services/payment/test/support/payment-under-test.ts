import {
  createScratchSchema,
  drainOrderCreatedBacklog,
  isolatedNameResolution,
  startOrderStandIn,
  waitForSubscriptions,
  type AppUnderTest,
  type Broker,
  type OrderStandIn,
  type ScratchSchema,
} from '@pasar/testing';

export interface PaymentUnderTest<A> {
  schema: ScratchSchema;
  /** Stands in for the order app: it records the payment callbacks. */
  orderPeer: OrderStandIn;
  payment: A;
  stop(): Promise<void>;
}

/**
 * The payment app, as `start` starts it on a scratch schema, beside a stand-in order app, in a
 * name-resolution cluster of their own; ready once it subscribed and handled the order-created
 * backlog its consumer group may have started with.
 */
export async function startPaymentUnderTest<A extends Pick<AppUnderTest, 'sidecar' | 'stop'>>(options: {
  broker: Broker;
  schemaPrefix: string;
  start: (context: { nameResolutionDb: string; schema: ScratchSchema }) => Promise<A>;
}): Promise<PaymentUnderTest<A>> {
  const nameResolutionDb = isolatedNameResolution();
  const schema = await createScratchSchema(options.schemaPrefix);
  const started: Array<{ stop(): Promise<void> }> = [];
  const stop = async () => {
    for (const app of started.reverse()) await app.stop();
    await schema.drop();
  };
  try {
    const orderPeer = await startOrderStandIn({ broker: options.broker, nameResolutionDb });
    started.push(orderPeer);
    const payment = await options.start({ nameResolutionDb, schema });
    started.push(payment);
    await waitForSubscriptions(payment, 1);
    await drainOrderCreatedBacklog(orderPeer.app, schema);
    return { schema, orderPeer, payment, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
