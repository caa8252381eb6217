import { randomUUID } from 'node:crypto';
import type { ProductChangedV1 } from '@pasar/contracts';
import { AppId, Topic } from '@pasar/contracts';
import { subscribe } from '@pasar/service-kit';
import {
  isolatedNameResolution,
  ownMongoDatabase,
  stackValue,
  startAppWithSidecar,
  startSubscriberApp,
  waitForSubscriptions,
  type AppUnderTest,
} from '@pasar/testing';
import { expect } from 'vitest';
import { buildService } from '../../src/app.ts';
import { Config } from '../../src/config.ts';

export function productConfig(database: string, mongodbUrl = stackValue('MONGODB_URL')): Config {
  return Config.parse({ APP_PORT: '0', MONGODB_URL: mongodbUrl, MONGODB_DATABASE: database, OUTBOX_POLL_INTERVAL_MS: '500' });
}

export interface ProductSystem {
  /** The product service under its real app id, beside its own daprd. */
  product: AppUnderTest;
  /** Another app (unique id) that calls product through its own sidecar and records product-changed messages. */
  caller: AppUnderTest;
  received: ProductChangedV1[];
  nameResolutionDb: string;
  /** A REST call to product through the caller's sidecar. */
  rest: (method: string, path: string, body?: unknown) => Promise<RestAnswer>;
  stop: () => Promise<void>;
}

export interface RestAnswer {
  status: number;
  contentType: string;
  body: any;
}

/** Product on its own database, and a caller app, in a name-resolution cluster of this test file's own. */
export async function startProductSystem(name: string): Promise<ProductSystem> {
  const store = ownMongoDatabase(`product_e2e_${name}`);
  const nameResolutionDb = isolatedNameResolution();
  const received: ProductChangedV1[] = [];
  const product = await startAppWithSidecar({
    appId: AppId.product,
    broker: 'redis',
    nameResolutionDb,
    build: (deps) => buildService(productConfig(store.name), deps),
  });
  const caller = await startSubscriberApp({
    appId: `product-caller-${randomUUID().slice(0, 8)}`,
    broker: 'redis',
    nameResolutionDb,
    subscriptions: [subscribe(Topic.productChanged, async (m) => void received.push(m))],
  });
  await waitForSubscriptions(caller, 1);
  return {
    product,
    caller,
    received,
    nameResolutionDb,
    rest: (method, path, body) => restThrough(caller, AppId.product, method, path, body),
    stop: async () => {
      await caller.stop();
      await product.stop();
      await store.drop();
    },
  };
}

export async function restThrough(caller: AppUnderTest, appId: string, method: string, path: string, body?: unknown): Promise<RestAnswer> {
  const response = await caller.dapr.invokeRaw(appId, method, path, {
    ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
}

/** A 400 problem+json whose errors name exactly `fields` (in any order). */
export function expectBadRequest(answer: RestAnswer, fields: string[]): void {
  expectProblem(answer, 400, fields);
}

export function expectProblem(answer: RestAnswer, status: number, fields: string[]): void {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toContain('application/problem+json');
  expect((answer.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([...fields].sort());
}

/** A 400 naming a key the schema does not know (in the body, or `query.<key>`). */
export function expectUnknownKeyRejected(answer: RestAnswer, key: string): void {
  expect(answer.status).toBe(400);
  expect(answer.contentType).toContain('application/problem+json');
  expect((answer.body.errors as Array<{ field: string }>).map((e) => e.field)).toContainEqual(
    expect.stringMatching(new RegExp(`(^|\\.)${key}$`)),
  );
}
