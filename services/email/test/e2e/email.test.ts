import { randomUUID } from 'node:crypto';
import { deadLetterTopicOf, Topic, type CustomerProfile } from '@pasar/contracts';
import { subscribeWithSchema } from '@pasar/service-kit';
import {
  eventually,
  isolatedNameResolution,
  stackValue,
  startAppWithSidecar,
  startSubscriberApp,
  startCustomerStandIn,
  type AppUnderTest,
} from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildService } from '../../src/app.ts';
import { Config } from '../../src/config.ts';
import { mailsTo, mailText } from '../support/mailpit.ts';
import { anOrder, aPayment } from '../support/messages.ts';

const run = randomUUID().slice(0, 8);
const nameResolutionDb = isolatedNameResolution();
const customers = new Map<string, CustomerProfile>();
const deadLetters: Array<{ eventId?: string }> = [];
const apps: AppUnderTest[] = [];
let customerApp: AppUnderTest;
let emailApp: AppUnderTest;
let publisher: AppUnderTest;

function aCustomer(locale: 'id' | 'en'): CustomerProfile {
  const customer = {
    id: randomUUID(),
    name: locale === 'id' ? 'Siti' : 'John',
    email: `c-${randomUUID().slice(0, 8)}@example.test`,
    locale,
    defaultAddress: null,
  };
  customers.set(customer.id, customer);
  return customer;
}

const startCustomerApp = async () => (await startCustomerStandIn({ broker: 'redis', nameResolutionDb, customers })).app;

beforeAll(async () => {
  const config = Config.parse({ APP_PORT: '0', SMTP_HOST: stackValue('SMTP_HOST'), SMTP_PORT: stackValue('SMTP_PORT') });
  customerApp = await startCustomerApp();
  emailApp = await startAppWithSidecar({
    appId: `email-${run}`,
    broker: 'redis',
    nameResolutionDb,
    build: (deps) => buildService(config, deps),
  });
  apps.push(emailApp);
  publisher = await startSubscriberApp({
    appId: `email-test-publisher-${run}`,
    broker: 'redis',
    nameResolutionDb,
    subscriptions: [
      subscribeWithSchema(
        deadLetterTopicOf(Topic.orderCreated),
        z.object({ eventId: z.string().optional() }).loose(),
        async (m) => void deadLetters.push(m),
        { deadLetterTopic: false },
      ),
    ],
  });
  apps.push(publisher);
});
afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
  await customerApp.stop();
});

describe('the email service mails customers about their orders and payments', () => {
  it('when an order is placed by an Indonesian-speaking customer, then a mail in Indonesian with rupiah amounts reaches them', async () => {
    const customer = aCustomer('id');
    const order = anOrder(customer.id);

    await publisher.dapr.publish(Topic.orderCreated, order);

    const [mail] = await eventually(async () => {
      const mails = await mailsTo(customer.email);
      expect(mails.length).toBeGreaterThanOrEqual(1);
      return mails;
    });
    expect(mail!.Subject).toBe(`Pesanan ${order.orderId.slice(0, 8).toUpperCase()} kami terima`);
    expect(mail!.MessageID).toBe(`${order.eventId}@pasar.local`);
    expect(await mailText(mail!.ID)).toMatch(/Total: Rp\s162\.500/);
  });

  it('when a payment succeeds or fails for an English-speaking customer, then English mails say so', async () => {
    const customer = aCustomer('en');

    await publisher.dapr.publish(Topic.paymentStatus, aPayment(customer.id, 'SUCCEEDED'));
    await publisher.dapr.publish(Topic.paymentStatus, aPayment(customer.id, 'FAILED'));

    const mails = await eventually(async () => {
      const found = await mailsTo(customer.email);
      expect(new Set(found.map((m) => m.MessageID)).size).toBe(2);
      return found;
    });
    expect(mails.map((m) => m.Subject)).toEqual(
      expect.arrayContaining([expect.stringMatching(/failed$/), expect.stringMatching(/received$/)]),
    );
  });

  it('when a payment is refunded for an Indonesian-speaking customer, then a refund mail in Indonesian reaches them', async () => {
    const customer = aCustomer('id');
    const refund = aPayment(customer.id, 'REFUNDED');

    await publisher.dapr.publish(Topic.paymentStatus, refund);

    const [mail] = await eventually(async () => {
      const mails = await mailsTo(customer.email);
      expect(mails.length).toBeGreaterThanOrEqual(1);
      return mails;
    });
    expect(mail!.Subject).toBe(`Dana pesanan ${refund.orderId.slice(0, 8).toUpperCase()} kami kembalikan`);
    expect(mail!.MessageID).toBe(`${refund.eventId}@pasar.local`);
    expect(await mailText(mail!.ID)).toMatch(/Rp\s162\.500 sudah kami kembalikan/);
  });

  it('when the same event is delivered again after its mail went out, then no second mail is sent', async () => {
    const customer = aCustomer('en');
    const order = anOrder(customer.id);
    const later = anOrder(customer.id);

    await publisher.dapr.publish(Topic.orderCreated, order);
    await eventually(async () => expect(await mailsTo(customer.email)).toHaveLength(1));
    await publisher.dapr.publish(Topic.orderCreated, order);
    await publisher.dapr.publish(Topic.orderCreated, later);

    const mails = await eventually(async () => {
      const found = await mailsTo(customer.email);
      expect(found.map((m) => m.MessageID)).toContain(`${later.eventId}@pasar.local`);
      return found;
    });
    expect(mails.filter((m) => m.MessageID === `${order.eventId}@pasar.local`)).toHaveLength(1);
  });

  it('when the customer does not exist, then the event goes to the dead-letter topic and no mail is sent', async () => {
    const order = anOrder(randomUUID());

    await publisher.dapr.publish(Topic.orderCreated, order);

    await eventually(() => expect(deadLetters.map((m) => m.eventId)).toContain(order.eventId), { timeoutMs: 30_000 });
  });

  it('when the customer service is down, then the event is retried and the mail goes out once it is back', async () => {
    const customer = aCustomer('id');
    const order = anOrder(customer.id);
    await customerApp.stop();
    const retriesBefore = retriesLogged(emailApp);

    await publisher.dapr.publish(Topic.orderCreated, order);
    await eventually(() => expect(retriesLogged(emailApp)).toBeGreaterThan(retriesBefore + 1));
    expect(await mailsTo(customer.email)).toHaveLength(0);
    customerApp = await startCustomerApp();

    await eventually(async () => expect((await mailsTo(customer.email)).length).toBeGreaterThanOrEqual(1), {
      timeoutMs: 45_000,
      intervalMs: 500,
    });
  });
});

/** daprd logs each redelivery its resiliency policy makes after the app answered RETRY. */
function retriesLogged(app: AppUnderTest): number {
  return app.sidecar
    .output()
    .split('\n')
    .filter((line) => line.includes('Retrying')).length;
}
