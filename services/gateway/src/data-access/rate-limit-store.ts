import { randomBytes } from 'node:crypto';
import { AppError, type Logger } from '@pasar/service-kit';
import type { IncrementResponse, Store } from 'express-rate-limit';
import { createClient, defineScript, type CommandParser } from 'redis';

/**
 * A sliding window per key: the times of the requests let through in the last `window` ms, in a
 * sorted set. A request is let through while fewer than `limit` are in it. A refused request is not
 * recorded, so a key holds at most `limit` entries, and it expires a window after its newest one.
 * Answers the count (limit + 1 when refused) and the ms until the entry whose departure frees a
 * place leaves the window. One script, so replicas counting the same key at once never both get
 * the last place.
 */
const HIT_SCRIPT = `
local key, now, window, limit = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local hits = limit + 1
if count < limit then
  redis.call('ZADD', key, now, ARGV[4])
  redis.call('PEXPIRE', key, window)
  count = count + 1
  hits = count
end
local freeing = math.max(count - limit, 0)
local at = tonumber(redis.call('ZRANGE', key, freeing, freeing, 'WITHSCORES')[2])
return { hits, at + window - now }
`;

const slidingWindowHit = defineScript({
  NUMBER_OF_KEYS: 1,
  SCRIPT: HIT_SCRIPT,
  parseCommand(parser: CommandParser, key: string, nowMs: number, windowMs: number, limit: number, member: string) {
    parser.pushKey(key);
    parser.push(String(nowMs), String(windowMs), String(limit), member);
  },
  transformReply: (reply: unknown) => {
    const [hits, msUntilFree] = reply as [number, number];
    return { hits, msUntilFree };
  },
});

export type RateLimitRedis = ReturnType<typeof createRateLimitRedis>;

/**
 * The gateway's own store, shared by every replica. It connects in the background and reconnects by
 * itself; meanwhile each command fails at once (no offline queue) or at `timeoutMs`, so a request
 * that needs a count gets a quick 503 rather than a wait.
 */
export function createRateLimitRedis(url: string, timeoutMs: number, logger: Logger) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: timeoutMs },
    socket: { connectTimeout: timeoutMs },
    scripts: { slidingWindowHit },
  });
  let down = false;
  client.on('error', (error: Error) => {
    if (!down) logger.warn({ err: error }, 'rate-limit Redis unreachable; retrying');
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.info('rate-limit Redis reachable again');
    down = false;
  });
  client.connect().catch(() => undefined); // rejects only when closed before it ever connected
  return client;
}

export interface SlidingWindow {
  /** Names the keys: `pasar:gateway:rate-limit:<name>:<client>`. */
  name: string;
  limit: number;
  windowMs: number;
}

/** An express-rate-limit store over one sliding window in Redis (rate-limit-redis has fixed windows only). */
export function slidingWindowStore(redis: RateLimitRedis, window: SlidingWindow): Store {
  const prefix = `pasar:gateway:rate-limit:${window.name}:`;
  return {
    prefix,
    localKeys: false,
    async increment(key): Promise<IncrementResponse> {
      const now = Date.now();
      const member = `${now}:${randomBytes(6).toString('base64url')}`;
      const { hits, msUntilFree } = await unavailableOnFailure(
        redis.slidingWindowHit(prefix + key, now, window.windowMs, window.limit, member),
      );
      return { totalHits: hits, resetTime: new Date(now + msUntilFree) };
    },
    /** Takes back the newest entry: a request that turned out not to count (a log-in that succeeded). */
    async decrement(key) {
      await unavailableOnFailure(redis.zPopMax(prefix + key));
    },
    async resetKey(key) {
      await unavailableOnFailure(redis.del(prefix + key));
    },
  };
}

async function unavailableOnFailure<T>(command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch (error) {
    throw AppError.unavailable('The rate-limit store is unavailable', error);
  }
}
