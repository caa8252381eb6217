import { randomUUID } from 'node:crypto';
import {
  cursorOf,
  cursorPage,
  positionOfCursor,
  type CreateProductRequest,
  type ListProductsQuery,
  type ListProductsResponse,
  type ProductSnapshot,
  type UpdateProductRequest,
} from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';
import type { ProductsRepository } from '../data-access/products-repository.ts';
import type { EditableFields, ProductRecord } from './product.ts';
import { isDuplicateKey } from '../data-access/store-errors.ts';
import type { CategoryCatalog } from './categories.ts';
import { pendingEvent, toSnapshot } from './product-events.ts';

const MAX_UPDATE_ATTEMPTS = 5;

export interface ProductsDeps {
  repository: ProductsRepository;
  categories: CategoryCatalog;
  /** Called after every change: a product-changed event is waiting in that product's outbox. */
  onChange: (productId: string) => void;
}

export type Products = ReturnType<typeof createProducts>;

/** The product use cases: create, read, change and soft-delete products; list and page them. */
export function createProducts(deps: ProductsDeps) {
  const { repository, categories, onChange } = deps;

  async function existing(id: string): Promise<ProductRecord> {
    const product = await repository.findById(id);
    if (!product) throw productNotFound(id);
    return product;
  }

  /** The patch, with attributes validated against the resulting category whenever either changes. */
  async function validatedChanges(current: ProductRecord, patch: UpdateProductRequest): Promise<Partial<EditableFields>> {
    if (patch.category === undefined && patch.attributes === undefined) return patch;
    const attributes = await categories.validateAttributes(patch.category ?? current.category, patch.attributes ?? current.attributes);
    return { ...patch, attributes };
  }

  return {
    async create(input: CreateProductRequest): Promise<ProductSnapshot> {
      const attributes = await categories.validateAttributes(input.category, input.attributes);
      const event = pendingEvent('created');
      const product: ProductRecord = {
        id: randomUUID(),
        ...input,
        attributes,
        createdAt: event.occurredAt,
        updatedAt: event.occurredAt,
        deletedAt: null,
        revision: 1,
      };
      await skuMustBeFree(input.sku, () => repository.insert(product, event));
      onChange(product.id);
      return toSnapshot(product);
    },

    async get(id: string): Promise<ProductSnapshot> {
      return toSnapshot(await existing(id));
    },

    /** Applies a partial change to the product as it is now; retried when another writer got there first. */
    async update(id: string, patch: UpdateProductRequest): Promise<ProductSnapshot> {
      for (let attempt = 1; attempt <= MAX_UPDATE_ATTEMPTS; attempt++) {
        const current = await existing(id);
        const changes = await validatedChanges(current, patch);
        const event = pendingEvent('updated');
        const written = await skuMustBeFree(patch.sku, () => repository.updateFields(id, current.revision, changes, event));
        if (written) {
          onChange(id);
          return toSnapshot({ ...current, ...changes, updatedAt: event.occurredAt, revision: current.revision + 1 });
        }
      }
      throw AppError.conflict(`Product ${id} kept changing while it was being updated; try again`);
    },

    /** Soft delete: the product stays in the store, inactive and marked deleted, and is 404 from now on. */
    async remove(id: string): Promise<void> {
      if (!(await repository.softDelete(id, pendingEvent('deleted')))) throw productNotFound(id);
      onChange(id);
    },

    async list(query: ListProductsQuery): Promise<ListProductsResponse> {
      const position = query.cursor === undefined ? undefined : listPositionOf(query.cursor);
      const rows = await repository.list(query, position, query.limit + 1);
      return pageOf(rows, query.limit, (last) => cursorOf(last.createdAt.getTime(), last.id));
    },

    /** Products by id in the order asked (each once); unknown and deleted ones are `missing`. */
    async getMany(ids: string[]): Promise<{ products: ProductSnapshot[]; missing: string[] }> {
      const unique = [...new Set(ids)];
      const found = new Map((await repository.findManyByIds(unique)).map((product) => [product.id, product]));
      return {
        products: unique.flatMap((id) => {
          const product = found.get(id);
          return product ? [toSnapshot(product)] : [];
        }),
        missing: unique.filter((id) => !found.has(id)),
      };
    },

    /** Every product, deleted ones included (as inactive), by id: what a full reindex needs. */
    async page(cursor: string | null, limit: number): Promise<{ products: ProductSnapshot[]; nextCursor: string | null }> {
      const rows = await repository.pageById(cursor ?? undefined, limit + 1);
      return pageOf(rows, limit, (last) => last.id);
    },
  };
}

export function productNotFound(id: string): AppError {
  return AppError.notFound(`Product ${id} does not exist`);
}

async function skuMustBeFree<T>(sku: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    throw new AppError(409, 'Conflict', {
      detail: `SKU ${sku ?? ''} is already taken`,
      fieldErrors: [{ field: 'sku', message: 'already taken by another product' }],
    });
  }
}

function pageOf(rows: ProductRecord[], limit: number, cursorAfter: (last: ProductRecord) => string) {
  const page = cursorPage(rows, limit, cursorAfter);
  return { products: page.items.map(toSnapshot), nextCursor: page.nextCursor };
}

/** `<created at, epoch ms>_<id>`; the query schema (ProductListCursor) has checked its form. */
function listPositionOf(cursor: string): { createdAt: Date; id: string } {
  const { position, id } = positionOfCursor(cursor);
  return { createdAt: new Date(Number(position)), id };
}
