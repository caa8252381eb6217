import { Topic } from '@pasar/contracts';
import { subscribe } from '@pasar/service-kit';
import type { Notifier } from '../domain/notify.ts';

export function emailSubscriptions(notifier: Notifier) {
  return [
    subscribe(Topic.orderCreated, (order) => notifier.orderReceived(order)),
    subscribe(Topic.paymentStatus, (payment) => notifier.paymentResult(payment)),
  ];
}
