import { deadLetterTopicOf } from '@pasar/contracts';
import { createClient } from 'redis';
import { deadLetterOf, type DeadLetter, type DeadLetterStore } from './dead-letter.ts';

/**
 * Dapr's Redis Streams component keeps a topic as a stream of entries {data: CloudEvent, metadata};
 * a dead letter is such an entry in the stream `<topic>.dead-letter`, kept there until removed.
 */
export async function redisDeadLetters(options: { host: string; database: number }): Promise<DeadLetterStore> {
  const client = createClient({ url: `redis://${options.host}`, database: options.database });
  client.on('error', () => undefined); // a failed command rejects; the event alone must not crash the tool
  await client.connect();

  const entriesOf = async (topic: string) => {
    const entries = (await client.xRange(deadLetterTopicOf(topic), '-', '+')) ?? [];
    return entries.map((entry) => ({ id: entry.id, fields: entry.message, letter: deadLetterOf(String(entry.message.data ?? '{}')) }));
  };

  return {
    async keepDeadLetters() {},
    async list(topic) {
      return (await entriesOf(topic)).map((entry) => entry.letter);
    },
    async replay(topic, eventId) {
      const replayed: DeadLetter[] = [];
      for (const entry of await entriesOf(topic)) {
        if (eventId && entry.letter.eventId !== eventId) continue;
        await client.xAdd(topic, '*', entry.fields);
        await client.xDel(deadLetterTopicOf(topic), entry.id);
        replayed.push(entry.letter);
      }
      return replayed;
    },
    async close() {
      await client.quit();
    },
  };
}
