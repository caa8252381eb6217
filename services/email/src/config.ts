import { BaseConfig, envFlag } from '@pasar/service-kit';
import { z } from 'zod';

export const Config = BaseConfig.extend({
  SMTP_HOST: z.string().default('127.0.0.1'),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  SMTP_SECURE: envFlag(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z.string().default('Pasar <no-reply@pasar.local>'),
  /** The right-hand side of every Message-ID (`<event id@domain>`). */
  MESSAGE_ID_DOMAIN: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/)
    .default('pasar.local'),
});
export type Config = z.infer<typeof Config>;
