import type { AuditedAction } from '@pasar/audit';
import type { ProductSnapshot, UpdateProductRequest } from '@pasar/contracts';

/** What staff did to products, as the audit trail records it (after it succeeded). */
export const productAudit = {
  created: (product: ProductSnapshot): AuditedAction => ({ action: 'product.created', target: product.id, details: { sku: product.sku } }),

  /** A patch of the stock alone is a restock (it sets the count on hand); any other names the fields it changed. */
  updated(productId: string, patch: UpdateProductRequest): AuditedAction {
    const fields = Object.keys(patch).sort();
    if (fields.length === 1 && patch.stock !== undefined)
      return { action: 'product.restocked', target: productId, details: { stock: patch.stock } };
    return { action: 'product.updated', target: productId, details: { fields } };
  },

  deleted: (productId: string): AuditedAction => ({ action: 'product.deleted', target: productId }),
};
