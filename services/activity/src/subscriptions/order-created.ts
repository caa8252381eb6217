import { Topic } from '@pasar/contracts';
import { subscribe } from '@pasar/service-kit';
import type { ActivityRecorder } from '../domain/recording.ts';

export const onOrderCreated = (recorder: ActivityRecorder) => subscribe(Topic.orderCreated, (event) => recorder.order(event));
