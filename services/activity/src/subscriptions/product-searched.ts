import { Topic } from '@pasar/contracts';
import { subscribe } from '@pasar/service-kit';
import type { ActivityRecorder } from '../domain/recording.ts';

export const onProductSearched = (recorder: ActivityRecorder) => subscribe(Topic.productSearched, (event) => recorder.search(event));
