import { deadLetterTopicOf } from '@pasar/contracts';
import amqp, { type ChannelModel, type ConfirmChannel, type GetMessage } from 'amqplib';
import { deadLetterOf, type DeadLetter, type DeadLetterStore } from './dead-letter.ts';

/** The durable queue that keeps a topic's dead letters: Dapr publishes them to an exchange, which keeps nothing itself. */
export function parkingQueueOf(topic: string): string {
  return `${deadLetterTopicOf(topic)}.parked`;
}

/**
 * Dapr's RabbitMQ component publishes a topic to a fanout exchange of that name, so a dead letter
 * goes to the exchange `<topic>.dead-letter` and is lost unless a queue is bound to it: this binds
 * one per topic. A replay publishes the message's body and properties to the topic's exchange again.
 */
export async function rabbitmqDeadLetters(options: { url: string }): Promise<DeadLetterStore> {
  const connection = await amqp.connect(options.url);
  const channel = await connection.createConfirmChannel();

  return {
    async keepDeadLetters(topics) {
      for (const topic of topics) {
        // As Dapr declares it (durable, not auto-deleted, fanout), or its own declare would fail.
        await channel.assertExchange(deadLetterTopicOf(topic), 'fanout', { durable: true, autoDelete: false });
        await channel.assertQueue(parkingQueueOf(topic), { durable: true });
        await channel.bindQueue(parkingQueueOf(topic), deadLetterTopicOf(topic), '');
      }
    },
    async list(topic) {
      await assertParkingQueue(connection, topic);
      const messages = await takeAll(channel, topic);
      channel.nackAll(true);
      return messages.map((message) => deadLetterOf(message.content.toString('utf8')));
    },
    async replay(topic, eventId) {
      const replayed: DeadLetter[] = [];
      await assertParkingQueue(connection, topic);
      for (const message of await takeAll(channel, topic)) {
        const letter = deadLetterOf(message.content.toString('utf8'));
        if (eventId && letter.eventId !== eventId) continue;
        channel.publish(topic, '', message.content, { ...message.properties, persistent: true });
        await channel.waitForConfirms();
        channel.ack(message);
        replayed.push(letter);
      }
      channel.nackAll(true);
      return replayed;
    },
    async close() {
      // The channel first: its close follows its acks on the wire, where the connection's might overtake them.
      await channel.close();
      await connection.close();
    },
  };
}

/** A missing queue would close the working channel: ask on a channel of its own. */
async function assertParkingQueue(connection: ChannelModel, topic: string): Promise<void> {
  const probe = await connection.createChannel();
  probe.on('error', () => undefined);
  try {
    await probe.checkQueue(parkingQueueOf(topic));
    await probe.close();
  } catch {
    throw new Error(
      `no queue keeps ${deadLetterTopicOf(topic)} yet, so RabbitMQ dropped its dead letters: run \`npm run dlq -- keep\` (npm start does)`,
    );
  }
}

/** Every message of the topic's parking queue, held unacknowledged by this channel. */
async function takeAll(channel: ConfirmChannel, topic: string): Promise<GetMessage[]> {
  const messages: GetMessage[] = [];
  for (let message = await channel.get(parkingQueueOf(topic)); message; message = await channel.get(parkingQueueOf(topic)))
    messages.push(message);
  return messages;
}
