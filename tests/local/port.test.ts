// The local server's port (functions/local/port.ts, serve.ts): a taken port is an error that says
// what to do, found before anything is written, and still answered that way if it is taken later.
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPortFree, PortUnavailableError } from '../../functions/local/port.ts';
import { serveApp } from '../../functions/local/serve.ts';

const held: Server[] = [];
afterEach(() => {
  for (const server of held.splice(0)) server.close();
});

async function holdPort(): Promise<number> {
  const holder = createServer();
  held.push(holder);
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  return (holder.address() as AddressInfo).port;
}

describe('the local port', () => {
  it('is refused when taken, naming the port and another to choose', async () => {
    const port = await holdPort();
    const refused = checkPortFree(port, '127.0.0.1');
    await expect(refused).rejects.toBeInstanceOf(PortUnavailableError);
    await expect(refused).rejects.toThrow(
      `port ${port} on 127.0.0.1 is in use by another program (or another bygdpuls); choose another with PORT, for example: PORT=${port + 1} npm start`,
    );
  });

  it('is left free when it is free, for the server to take', async () => {
    const port = await holdPort();
    held.pop()!.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(checkPortFree(port, '127.0.0.1')).resolves.toBeUndefined();
    const server = await serveApp(new Hono(), { port, hostname: '127.0.0.1' });
    expect((server.address() as AddressInfo).port).toBe(port);
    await new Promise((resolve) => server.close(resolve));
  });

  it('taken after the check, is still refused with the same error, not an unhandled one', async () => {
    const port = await holdPort();
    await expect(serveApp(new Hono(), { port, hostname: '127.0.0.1' })).rejects.toBeInstanceOf(PortUnavailableError);
  });
});
