import { BaseConfig } from '@pasar/service-kit';
import { z } from 'zod';

export const Config = BaseConfig.extend({
  /** The payment role: it owns schema payment of the shared database and can touch nothing else. */
  DATABASE_URL: z.string().startsWith('postgres').default('postgres://payment:payment@127.0.0.1:5432/pasar'),
});
export type Config = z.infer<typeof Config>;
