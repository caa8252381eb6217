import { randomUUID } from 'node:crypto';
import type { CreateProductRequest } from '@pasar/contracts';

/** A valid electronics product with a unique SKU; override what the test is about. */
export function aProduct(overrides: Partial<CreateProductRequest> = {}): CreateProductRequest {
  return {
    sku: `TEST-${randomUUID().slice(0, 12)}`,
    name: 'Kipas angin meja',
    description: 'A desk fan',
    category: 'electronics',
    price: { amount: 250_000, currency: 'IDR' },
    stock: 10,
    images: ['https://img.example.com/fan.jpg'],
    active: true,
    attributes: { brand: 'Cosmos', warrantyMonths: 12 },
    ...overrides,
  };
}
