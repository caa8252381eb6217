// npm run dlq -- list [topic] | show <topic> [event id] | replay <topic> [event id] | keep
// The dead letters of the broker PASAR_BROKER names (redis by default), at the addresses the
// sidecars' pub/sub components use. `keep` makes RabbitMQ keep them (npm start and the tests run it).
import { Topic } from '@pasar/contracts';
import { deadLettersOf, type DeadLetter } from '@pasar/dead-letters';

const [command = 'list', topicArgument, eventId] = process.argv.slice(2);
const broker = process.env.PASAR_BROKER === 'rabbitmq' ? 'rabbitmq' : 'redis';
const allTopics = Object.values(Topic);
const store = await deadLettersOf(broker);

try {
  await run();
} catch (error) {
  console.error(`dlq: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await store.close();
}

async function run(): Promise<void> {
  switch (command) {
    case 'keep':
      await store.keepDeadLetters(allTopics);
      break;
    case 'list':
      for (const topic of topicArgument ? [topicArgument] : allTopics) printList(topic, await store.list(topic));
      break;
    case 'show':
      for (const letter of (await store.list(requiredTopic())).filter((l) => !eventId || l.eventId === eventId))
        console.log(JSON.stringify(letter.cloudEvent, null, 2));
      break;
    case 'replay': {
      const replayed = await store.replay(requiredTopic(), eventId);
      console.log(
        `replayed ${replayed.length} message(s) to ${topicArgument} on ${broker}${replayed.length ? `: ${replayed.map((l) => l.eventId).join(', ')}` : ''}`,
      );
      break;
    }
    default:
      throw new Error(`unknown command '${command}': list [topic] | show <topic> [event id] | replay <topic> [event id] | keep`);
  }
}

function requiredTopic(): string {
  if (!topicArgument) throw new Error(`${command} needs a topic, e.g. ${Topic.orderCreated}`);
  return topicArgument;
}

function printList(topic: string, letters: DeadLetter[]): void {
  console.log(`${topic}.dead-letter on ${broker}: ${letters.length} message(s)`);
  for (const letter of letters)
    console.log(`  ${letter.eventId}  ${String(letter.cloudEvent.time ?? '')}  from ${String(letter.cloudEvent.source ?? '?')}`);
}
