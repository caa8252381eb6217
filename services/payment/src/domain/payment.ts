import type { Money } from '@pasar/contracts';

export type PaymentStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

export interface Payment {
  id: string;
  orderId: string;
  customerId: string;
  amount: Money;
  status: PaymentStatus;
  providerChargeId: string | null;
  failureReason: string | null;
  createdAt: Date;
  finalizedAt: Date | null;
}
