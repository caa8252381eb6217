import { randomUUID } from 'node:crypto';
import { eventually, stackValue } from '@pasar/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { Config } from '../../src/config.ts';
import { createSmtpTransport } from '../../src/data-access/smtp.ts';

const config = Config.parse({ APP_PORT: '0', SMTP_HOST: stackValue('SMTP_HOST'), SMTP_PORT: stackValue('SMTP_PORT') });
const smtp = createSmtpTransport(config);
afterAll(() => smtp.close());

describe('SMTP through nodemailer, read back through the mail catcher API', () => {
  it('answers the readiness check (SMTP handshake)', async () => {
    await expect(smtp.verify()).resolves.toBe(true);
  });

  it('delivers a message that can be read back with its subject and recipient', async () => {
    const to = `budi-${randomUUID().slice(0, 8)}@example.test`;

    await smtp.sendMail({ from: config.MAIL_FROM, to, subject: 'Pesanan diterima', text: 'Terima kasih' });

    const found = await eventually(async () => {
      const response = await fetch(`${stackValue('MAILPIT_URL')}/api/v1/search?query=${encodeURIComponent(`to:${to}`)}`);
      const body = (await response.json()) as { messages: Array<{ Subject: string; To: Array<{ Address: string }> }> };
      expect(body.messages).toHaveLength(1);
      return body.messages[0]!;
    });
    expect(found.Subject).toBe('Pesanan diterima');
    expect(found.To[0]?.Address).toBe(to);
  });
});
