import { Topic } from '@pasar/contracts';
import { subscribe } from '@pasar/service-kit';
import type { ActivityRecorder } from '../domain/recording.ts';

export const onCustomerLoggedIn = (recorder: ActivityRecorder) => subscribe(Topic.customerLoggedIn, (event) => recorder.login(event));
