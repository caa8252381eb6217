import { CreateProductRequest } from '@pasar/contracts';
import { describe, expect, it } from 'vitest';
import { compileAttributesSchema } from '../../services/product/src/domain/attribute-schema.ts';
import { defaultCategories } from '../../services/product/src/domain/default-categories.ts';
import { seededProduct } from '../../scripts/seed/catalog.ts';

const SIZE = 3000;
const catalog = Array.from({ length: SIZE }, (_, n) => seededProduct(n));

describe('the seeded catalog', () => {
  it('when product n is generated twice, then it is the same product (stable SKU and content)', () => {
    expect(Array.from({ length: 50 }, (_, n) => seededProduct(n))).toEqual(catalog.slice(0, 50));
  });

  it('when every product is checked as the product service would, then each is a valid product whose attributes fit its category', () => {
    const schemas = new Map(defaultCategories.map((category) => [category.name, compileAttributesSchema(category)]));
    const refused = catalog.filter(
      (product) =>
        !CreateProductRequest.safeParse(product).success || !schemas.get(product.category)?.safeParse(product.attributes).success,
    );

    expect(refused.map((p) => p.sku)).toEqual([]);
    expect(new Set(catalog.map((p) => p.sku)).size).toBe(SIZE);
  });

  it('when the catalog is counted, then every category has its share, a few are sold out, and prices are whole rupiah the payment simulator approves', () => {
    const perCategory = new Map<string, number>();
    for (const product of catalog) perCategory.set(product.category, (perCategory.get(product.category) ?? 0) + 1);
    const soldOut = catalog.filter((p) => p.stock === 0).length;

    expect([...perCategory.keys()].sort()).toEqual(defaultCategories.map((c) => c.name).sort());
    for (const count of perCategory.values()) expect(count).toBe(SIZE / defaultCategories.length);
    expect(soldOut).toBeGreaterThan(0);
    expect(soldOut).toBeLessThan(SIZE * 0.05);
    expect(catalog.filter((p) => p.price.amount % 100 !== 0 || p.price.currency !== 'IDR')).toEqual([]);
  });

  it('when descriptions are read, then each says it in Indonesian and then in English', () => {
    expect(catalog.filter((p) => !/\n\nEN: \S/.test(p.description))).toEqual([]);
  });
});
