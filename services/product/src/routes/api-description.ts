import { auditOperation } from '@pasar/audit';
import {
  CreateProductRequest,
  getProducts,
  ListCategoriesResponse,
  ListProductsQuery,
  ListProductsResponse,
  listProductPage,
  ProductResponse,
  releaseStock,
  reserveStock,
  UpdateProductRequest,
} from '@pasar/contracts';
import { rpcOperation, type ApiDescription, type ApiResponse } from '@pasar/service-kit';
import { ProductParams } from './products.ts';

const storeDown: Record<number, ApiResponse> = { 503: { description: 'The product store cannot be reached' } };
const missing: Record<number, ApiResponse> = { 404: { description: 'No such product (or it was deleted)' } };
const tags = ['products'];
const categoryRefuses: Record<number, ApiResponse> = {
  422: { description: 'No such category, or attributes its category refuses: `errors` names them' },
};
const CATEGORY_RULES =
  "`attributes` must fit the category's attribute schema (GET /categories): its required keys, and no other, each of its type and within its bounds.";

/** What the product service answers, with the schemas its routes parse with. */
export const productApi: ApiDescription = {
  title: 'product',
  version: '1.0.0',
  operations: [
    {
      method: 'GET',
      path: '/products',
      summary: 'List products, newest first',
      description: 'maxPrice must not be less than minPrice.',
      tags,
      query: ListProductsQuery,
      responses: { 200: { description: 'A page of products', schema: ListProductsResponse }, ...storeDown },
    },
    {
      method: 'GET',
      path: '/products/:id',
      summary: 'Read a product',
      tags,
      params: ProductParams,
      responses: { 200: { description: 'The product', schema: ProductResponse }, ...missing, ...storeDown },
    },
    {
      method: 'POST',
      path: '/products',
      summary: 'Create a product',
      description: CATEGORY_RULES,
      tags,
      body: CreateProductRequest,
      responses: {
        201: { description: 'Created', schema: ProductResponse },
        409: { description: 'The SKU is taken' },
        ...categoryRefuses,
        ...storeDown,
      },
    },
    {
      method: 'PATCH',
      path: '/products/:id',
      summary: 'Change some fields of a product',
      description: `Give at least one field. ${CATEGORY_RULES} When only \`category\` changes, the product's attributes must fit the new one.`,
      tags,
      params: ProductParams,
      body: UpdateProductRequest,
      responses: {
        200: { description: 'The changed product', schema: ProductResponse },
        ...missing,
        409: { description: 'The SKU is taken, or the product kept changing' },
        ...categoryRefuses,
        ...storeDown,
      },
    },
    {
      method: 'DELETE',
      path: '/products/:id',
      summary: 'Delete a product (softly)',
      tags,
      params: ProductParams,
      responses: { 204: { description: 'Deleted' }, ...missing, ...storeDown },
    },
    {
      method: 'GET',
      path: '/categories',
      summary: 'The categories and their attribute schemas',
      tags: ['categories'],
      responses: { 200: { description: 'Every category', schema: ListCategoriesResponse }, ...storeDown },
    },
    auditOperation(storeDown),
    rpcOperation(getProducts, 'Products by id'),
    rpcOperation(listProductPage, 'A page of every product, for a reindex'),
    rpcOperation(reserveStock, 'Reserve stock for an order', {
      409: { description: 'A line lacks stock, or the order was released' },
      503: { description: 'Being worked on; retry' },
    }),
    rpcOperation(releaseStock, 'Release the stock of an order', { 503: { description: 'Being worked on; retry' } }),
  ],
};
