import { BaseConfig } from '@pasar/service-kit';
import { z } from 'zod';

export const Config = BaseConfig.extend({
  ELASTICSEARCH_URL: z.url().default('http://127.0.0.1:9200'),
});
export type Config = z.infer<typeof Config>;
