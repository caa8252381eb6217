import { BaseConfig } from '@pasar/service-kit';
import { z } from 'zod';

export const Config = BaseConfig.extend({
  MONGODB_URL: z.string().startsWith('mongodb').default('mongodb://127.0.0.1:27017'),
  MONGODB_DATABASE: z.string().min(1).default('product'),
});
export type Config = z.infer<typeof Config>;
