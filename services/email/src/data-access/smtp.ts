import { DropMessage } from '@pasar/service-kit';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.ts';
import type { Mailer, OutgoingMail } from '../domain/notify.ts';

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

/**
 * Sends over SMTP. A 5xx reply is the server refusing this message for good (drop it); anything else
 * (connection refused, 4xx, timeout) may pass later, so the error goes up and Dapr redelivers.
 */
export function createSmtpMailer(transport: Transporter, from: string): Mailer {
  return {
    async send(mail: OutgoingMail) {
      try {
        await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500)
          throw new DropMessage(`the SMTP server refused the mail for good (${code})`, { cause: error });
        throw error;
      }
    },
  };
}
