import { rabbitmqDeadLetters } from './rabbitmq-dead-letters.ts';
import { redisDeadLetters } from './redis-dead-letters.ts';
import type { DeadLetterStore } from './dead-letter.ts';

export type { DeadLetter, DeadLetterStore } from './dead-letter.ts';
export { parkingQueueOf } from './rabbitmq-dead-letters.ts';

/**
 * The dead letters of the broker the sidecars use, reached with the addresses their pub/sub
 * components read (PUBSUB_REDIS_HOST and PUBSUB_REDIS_DB, or PUBSUB_RABBITMQ_URL).
 */
export function deadLettersOf(broker: 'redis' | 'rabbitmq', env: NodeJS.ProcessEnv = process.env): Promise<DeadLetterStore> {
  if (broker === 'redis') return redisDeadLetters({ host: required(env, 'PUBSUB_REDIS_HOST'), database: Number(env.PUBSUB_REDIS_DB ?? 0) });
  return rabbitmqDeadLetters({ url: required(env, 'PUBSUB_RABBITMQ_URL') });
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set (npm run dlq sets it from the native stack; point it at your broker otherwise)`);
  return value;
}
