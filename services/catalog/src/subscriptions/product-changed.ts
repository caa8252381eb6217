import { Topic } from '@pasar/contracts';
import { DropMessage, subscribe } from '@pasar/service-kit';
import { RejectedDocumentError } from '../data-access/product-index.ts';
import { UnusableChangeError, type ApplyProductChange } from '../domain/index-maintenance.ts';

/** Keeps the index in line with the product service. Store outages throw, so Dapr redelivers. */
export function productChangedSubscription(applyProductChange: ApplyProductChange) {
  return subscribe(Topic.productChanged, async (message, { logger }) => {
    const outcome = await applyProductChange(message).catch((error: unknown) => {
      if (error instanceof RejectedDocumentError || error instanceof UnusableChangeError)
        throw new DropMessage(error.message, { cause: error });
      throw error;
    });
    const details = { productId: message.productId, revision: message.revision, change: message.change, outcome };
    if (outcome === 'stale') logger.info(details, 'ignored a product change: the index holds this revision or a newer one');
    else logger.debug(details, 'catalog index updated');
  });
}
