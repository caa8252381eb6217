import net from 'node:net';

/**
 * Below the kernel's ephemeral range (32768-60999 here): a port the OS handed out for listening
 * is also one it hands out to outgoing connections, and with many of those in flight one took a
 * port daprd had been told to listen on. Here only another test's pick can collide, and that
 * one is checked by binding.
 */
const FIRST = 20_000;
const LAST = 32_000;

/** A port that was free a moment ago on loopback. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST));
    if (await isFree(port)) return port;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
