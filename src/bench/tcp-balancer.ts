// Two replicas behind one port, for the bench: each incoming connection goes to the next backend in turn (as a
// load balancer in TCP mode does), and its bytes are piped both ways unchanged.

import type { AddressInfo } from "node:net";
import { connect, createServer, type Server } from "node:net";

export async function startTcpBalancer(backends: string[]): Promise<{ url: string; server: Server }> {
  const targets = backends.map((b) => new URL(b));
  let next = 0;
  const server = createServer((client) => {
    const target = targets[next++ % targets.length] as URL;
    const upstream = connect(Number(target.port), target.hostname);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close);
    upstream.on("error", close);
  });
  server.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}
