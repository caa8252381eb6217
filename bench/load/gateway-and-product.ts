import { AppId, ProductResponse } from '@pasar/contracts';
import { isolatedNameResolution, stackValue, startAppWithSidecar, testResourceName, type AppUnderTest } from '@pasar/testing';
import { buildService as buildGateway } from '../../services/gateway/src/app.ts';
import { Config as GatewayConfig } from '../../services/gateway/src/config.ts';
import { buildService as buildProduct } from '../../services/product/src/app.ts';
import { Config as ProductConfig } from '../../services/product/src/config.ts';

export interface GatewayAndProduct {
  product: AppUnderTest;
  gateway: AppUnderTest;
  /** The one product the bench reads. */
  productId: string;
  stop: () => Promise<void>;
}

/**
 * The product app and the gateway, each beside its own daprd on a name resolution of their own, with
 * one product in a database of this run (`<databasePrefix>_<run>`).
 */
export async function startGatewayAndProduct(options: { databasePrefix: string; rateLimitPerMinute: number }): Promise<GatewayAndProduct> {
  const run = Date.now().toString(36);
  const nameResolutionDb = isolatedNameResolution();
  const productConfig = ProductConfig.parse({
    APP_PORT: '0',
    MONGODB_URL: stackValue('MONGODB_URL'),
    MONGODB_DATABASE: testResourceName(`${options.databasePrefix}_${run}`),
    LOG_LEVEL: 'warn',
  });
  const gatewayConfig = GatewayConfig.parse({
    APP_PORT: '0',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute),
    RATE_LIMIT_REDIS_URL: stackValue('RATE_LIMIT_REDIS_URL'),
  });
  const product = await startAppWithSidecar({
    appId: AppId.product,
    broker: 'redis',
    nameResolutionDb,
    build: (deps) => buildProduct(productConfig, deps),
  });
  const gateway = await startAppWithSidecar({
    appId: AppId.gateway,
    broker: 'redis',
    nameResolutionDb,
    build: (deps) => buildGateway(gatewayConfig, deps),
  });
  const stop = async () => {
    await gateway.stop();
    await product.stop();
  };
  try {
    return { product, gateway, productId: await createProduct(product.appUrl, run), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function createProduct(productAppUrl: string, run: string): Promise<string> {
  const created = await fetch(`${productAppUrl}/products`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sku: `BENCH-${run}`,
      name: 'Kopi Gayo',
      category: 'food',
      price: { amount: 75_000, currency: 'IDR' },
      stock: 10,
      attributes: { weightGrams: 250, expiryDate: '2027-12-31' },
    }),
  });
  return ProductResponse.parse(await created.json()).id;
}
