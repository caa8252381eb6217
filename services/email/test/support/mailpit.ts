import { stackValue } from '@pasar/testing';

export interface CaughtMail {
  ID: string;
  MessageID: string;
  Subject: string;
  To: Array<{ Address: string }>;
}

/** Every mail the SMTP catcher holds for one recipient. */
export async function mailsTo(address: string): Promise<CaughtMail[]> {
  const response = await fetch(`${stackValue('MAILPIT_URL')}/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}`);
  if (!response.ok) throw new Error(`mailpit search answered ${response.status}`);
  return ((await response.json()) as { messages: CaughtMail[] }).messages;
}

export async function mailText(id: string): Promise<string> {
  const response = await fetch(`${stackValue('MAILPIT_URL')}/api/v1/message/${id}`);
  return ((await response.json()) as { Text: string }).Text;
}
