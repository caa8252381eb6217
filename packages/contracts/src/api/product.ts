// Public REST request/response schemas of the product service.
import { z } from 'zod';
import { Attributes, Money, PageCursor, QueryFlag, QueryInteger, Words } from '../common.ts';
import { ProductSnapshot } from '../messages/product.ts';

export const CategoryName = z.string().regex(/^[a-z][a-z0-9-]{0,49}$/, 'must be a category name such as "electronics"');

const productFields = {
  sku: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'letters, digits and . _ - / only'),
  name: Words(200),
  description: z.string().max(5000),
  category: CategoryName,
  price: Money,
  stock: z.number().int().nonnegative().max(1_000_000_000),
  images: z.array(z.url({ protocol: /^https?$/ })).max(20),
  active: z.boolean(),
  /** Validated against the category's attribute schema (GET /categories) when written. */
  attributes: Attributes,
};

/** POST /products */
export const CreateProductRequest = z.strictObject({
  ...productFields,
  description: productFields.description.default(''),
  stock: productFields.stock.default(0),
  images: productFields.images.default([]),
  active: productFields.active.default(true),
  attributes: productFields.attributes.default({}),
});
export type CreateProductRequest = z.infer<typeof CreateProductRequest>;

/**
 * PATCH /products/:id: any subset of the fields. `attributes`, when given, replaces the product's
 * attributes as a whole; they (or the existing ones, when only `category` changes) are validated
 * against the resulting category. `stock` sets the on-hand count (a restock), it does not add.
 */
export const UpdateProductRequest = z
  .strictObject(productFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change')
  .meta({ minProperties: 1 });
export type UpdateProductRequest = z.infer<typeof UpdateProductRequest>;

/** GET /products/:id, and the items of every list: the same view the product service publishes. */
export const ProductResponse = ProductSnapshot;
export type ProductResponse = z.infer<typeof ProductResponse>;

export const ProductListCursor = PageCursor('\\d{1,15}');

/** GET /products: newest first; soft-deleted products are never listed. maxPrice >= minPrice is a refinement (422). */
export const ListProductsQuery = z
  .strictObject({
    category: CategoryName.optional(),
    active: QueryFlag.optional(),
    /** Bounds on `price.amount`, inclusive, in minor units of the product's currency. */
    minPrice: QueryInteger({ min: 0 }).optional(),
    maxPrice: QueryInteger({ min: 0 }).optional(),
    /** Pass back the `nextCursor` of the previous page (`<created at, epoch ms>_<id>`). */
    cursor: ProductListCursor.optional(),
    limit: QueryInteger({ min: 1, max: 100 }).default(20),
  })
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, {
    message: 'must not be less than minPrice',
    path: ['maxPrice'],
  });
export type ListProductsQuery = z.infer<typeof ListProductsQuery>;

export const ListProductsResponse = z.object({
  products: z.array(ProductResponse),
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ListProductsResponse = z.infer<typeof ListProductsResponse>;

const attributeBase = {
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,49}$/),
  label: z.string().min(1).max(100),
  required: z.boolean(),
};

/** One attribute a category defines: its type, whether it is required, and its bounds. */
export const CategoryAttribute = z.discriminatedUnion('type', [
  z.object({ ...attributeBase, type: z.literal('string'), maxLength: z.number().int().positive().max(5000).optional() }),
  z.object({ ...attributeBase, type: z.literal('integer'), min: z.number().int().optional(), max: z.number().int().optional() }),
  z.object({ ...attributeBase, type: z.literal('number'), min: z.number().optional(), max: z.number().optional() }),
  z.object({ ...attributeBase, type: z.literal('boolean') }),
  /** A calendar date, `YYYY-MM-DD` (e.g. a food's expiry date). */
  z.object({ ...attributeBase, type: z.literal('date') }),
  z.object({ ...attributeBase, type: z.literal('enum'), values: z.array(z.string().min(1)).min(1) }),
]);
export type CategoryAttribute = z.infer<typeof CategoryAttribute>;

/** A product category and the schema of its products' `attributes`. Categories are data, not code. */
export const ProductCategory = z.object({
  name: CategoryName,
  label: z.string().min(1).max(100),
  attributes: z.array(CategoryAttribute),
});
export type ProductCategory = z.infer<typeof ProductCategory>;

/** GET /categories */
export const ListCategoriesResponse = z.object({ categories: z.array(ProductCategory) });
export type ListCategoriesResponse = z.infer<typeof ListCategoriesResponse>;
