import { Topic } from '@pasar/contracts';
import { DropMessage, subscribe } from '@pasar/service-kit';
import { RejectedDocumentError, type ProductIndex } from '../data-access/product-index.ts';
import { applyProductChange, UnusableChangeError } from '../domain/index-maintenance.ts';

/** Keeps the index in line with the product service. Store outages throw, so Dapr redelivers. */
export function productChangedSubscription(index: Pick<ProductIndex, 'write'>) {
  return subscribe(Topic.productChanged, async (message, { logger }) => {
    const outcome = await applyProductChange(message, index).catch((error: unknown) => {
      if (error instanceof RejectedDocumentError || error instanceof UnusableChangeError) throw new DropMessage(error.message, { cause: error });
      throw error;
    });
    const details = { productId: message.productId, revision: message.revision, change: message.change, outcome };
    if (outcome === 'stale') logger.info(details, 'ignored a product change: the index holds this revision or a newer one');
    else logger.debug(details, 'catalog index updated');
  });
}
