import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Broker } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aProductInStock,
  aShopperWithAnAddress,
  effectsSettled,
  finalStatuses,
  placeOrdersSteadily,
  stack,
  startShop,
  stopShop,
} from './support/shop.ts';

const run = promisify(execFile);
const ORDERS = 40;
const ORDERS_PER_SECOND = 4;
const PAYMENT_SIDECAR_PORT = 3505;

interface Fault {
  name: string;
  brokers: Broker[];
  /** Breaks something while orders flow; resolves once it is mended (or left to mend itself). */
  strike(broker: Broker): Promise<void>;
}

const downFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const restart =
  (component: (broker: Broker) => string, downMs: number, how: 'kill' | 'down' = 'kill') =>
  async (broker: Broker) => {
    await stack(how, component(broker));
    await downFor(downMs);
    await stack('up', component(broker));
  };

const faults: Fault[] = [
  { name: 'the broker killed and back after 6 s', brokers: ['redis', 'rabbitmq'], strike: restart((broker) => broker, 6000) },
  { name: "the payment consumer's daprd SIGKILLed", brokers: ['redis', 'rabbitmq'], strike: killPaymentSidecar },
  { name: 'PostgreSQL killed and back after 5 s', brokers: ['redis'], strike: restart(() => 'postgres', 5000) },
  // Stopped, not killed: FerretDB 1.24 (the stand-in for MongoDB, on SQLite) once answered no
  // command at all after a SIGKILL and a start, until it was restarted cleanly.
  { name: 'FerretDB stopped and back after 5 s', brokers: ['redis'], strike: restart(() => 'ferretdb', 5000, 'down') },
];

async function killPaymentSidecar(): Promise<void> {
  const { stdout } = await run('ss', ['-ltnpH', `sport = :${PAYMENT_SIDECAR_PORT}`]);
  process.kill(Number(/pid=(\d+)/.exec(stdout)?.[1]), 'SIGKILL');
}

/**
 * A steady flow of orders through the whole system (every app beside its daprd, from dapr.yaml),
 * and a fault in the middle of it. Nothing may be lost and nothing may happen twice: every order
 * ends final, with one payment, one mail of each kind and one timeline point of each kind.
 */
describe.each(['redis', 'rabbitmq'] as const)('orders under faults, on %s', (broker) => {
  const figures: string[] = [];
  beforeAll(() => startShop(broker));
  afterAll(async () => {
    await stopShop();
    console.log(
      [
        'fault | broker | placed | final | lost | duplicate payments/mails/timeline points | missing effects | recovered in',
        ...figures,
      ].join('\n'),
    );
  });

  it.each(faults.filter((fault) => fault.brokers.includes(broker)))('$name: nothing lost, nothing twice', async (fault) => {
    const shopper = await aShopperWithAnAddress();
    const productId = await aProductInStock(ORDERS * 2);

    const placing = placeOrdersSteadily(shopper, productId, { count: ORDERS, perSecond: ORDERS_PER_SECOND });
    await downFor(2000);
    await fault.strike(broker);
    const mendedAt = Date.now();
    const orderIds = await placing;
    const statuses = await finalStatuses(shopper, orderIds, 180_000);
    const effects = await effectsSettled(shopper, orderIds);
    const recoveredInSeconds = (Date.now() - mendedAt) / 1000;

    figures.push(
      [
        fault.name,
        broker,
        orderIds.length,
        statuses.size,
        orderIds.length - statuses.size,
        `${effects.duplicatePayments}/${effects.duplicateMails}/${effects.duplicateTimelinePoints}`,
        effects.missingEffects,
        `${recoveredInSeconds.toFixed(1)} s`,
      ].join(' | '),
    );
    expect(new Set(statuses.values())).toEqual(new Set(['PAID']));
    expect(effects).toEqual({ duplicatePayments: 0, duplicateMails: 0, duplicateTimelinePoints: 0, missingEffects: 0 });
  });
});
