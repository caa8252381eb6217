import type { ActivityRecorder } from '../domain/recording.ts';
import { onCustomerLoggedIn } from './customer-logged-in.ts';
import { onOrderCreated } from './order-created.ts';
import { onPaymentStatus } from './payment-status.ts';
import { onProductSearched } from './product-searched.ts';

/** Every topic the activity service records. */
export function activitySubscriptions(recorder: ActivityRecorder) {
  return [onProductSearched(recorder), onCustomerLoggedIn(recorder), onOrderCreated(recorder), onPaymentStatus(recorder)];
}
