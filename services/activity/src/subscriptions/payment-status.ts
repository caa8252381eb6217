import { Topic } from '@pasar/contracts';
import { subscribe } from '@pasar/service-kit';
import type { ActivityRecorder } from '../domain/recording.ts';

export const onPaymentStatus = (recorder: ActivityRecorder) => subscribe(Topic.paymentStatus, (event) => recorder.payment(event));
