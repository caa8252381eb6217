import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.ts';

export function createSmtpTransport(config: Config): Transporter {
  return nodemailer.createTransport({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    ...(config.SMTP_USER && { auth: { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } }),
    connectionTimeout: 2000,
    greetingTimeout: 2000,
    socketTimeout: 10_000,
  });
}
