import { createClient, ErrorReply } from 'redis';

/**
 * One command to the Redis at `url` (redis://host:port/db), as redis-cli would send it: its reply as
 * text, or the error's message (BUSYGROUP, say). A client library, so no redis-cli is needed on the machine.
 */
export async function redisCommand(url: string, ...args: string[]): Promise<string> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 2000 } });
  client.on('error', () => undefined); // a failed connect or command rejects below
  await client.connect();
  try {
    return String(await client.sendCommand(args));
  } catch (error) {
    if (error instanceof ErrorReply) return error.message;
    throw error;
  } finally {
    client.destroy();
  }
}
