import type { ProductChangedV1, ProductSnapshot } from '@pasar/contracts';
import type { ProductIndex, WriteOutcome } from '../data-access/product-index.ts';
import { hiddenDocumentOf, visibleDocumentOf, type IndexDocument } from '../data-access/product-document.ts';

/** A product-changed message that can never be applied, however often it comes. */
export class UnusableChangeError extends Error {
  override readonly name = 'UnusableChangeError';
}

export type ApplyProductChange = ReturnType<typeof createIndexMaintenance>;

/**
 * Brings the index in line with one product change. Idempotent and order-proof: the revision is
 * the document's external version, so a repeated or older message is a no-op ('stale').
 */
export function createIndexMaintenance(index: Pick<ProductIndex, 'write'>) {
  return async function applyProductChange(message: ProductChangedV1): Promise<WriteOutcome> {
    if (message.product && message.product.id !== message.productId) {
      throw new UnusableChangeError(`productId ${message.productId} does not match product.id ${message.product.id}`);
    }
    const product = message.change === 'deleted' ? null : message.product;
    return index.write(
      product ? documentFor({ ...product, revision: message.revision }) : hiddenDocumentOf(message.productId, message.revision),
    );
  };
}

/** Inactive products are kept hidden, like deleted ones: nobody finds them, their revision still counts. */
export function documentFor(product: ProductSnapshot): IndexDocument {
  return product.active ? visibleDocumentOf(product) : hiddenDocumentOf(product.id, product.revision);
}
