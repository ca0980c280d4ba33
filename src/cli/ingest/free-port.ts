// Ports for processes started with a fixed port (webhook instances behind the emulator): the
// kernel picks free ones, handed over once their listeners are closed. Asked for together, so
// the kernel cannot hand out one port twice.
import { createServer, type Server } from "node:net";

export async function freePorts(n: number, host = "127.0.0.1"): Promise<number[]> {
  const listening = (): Promise<Server> =>
    new Promise((resolve, reject) => {
      const s = createServer();
      s.once("error", reject);
      s.listen(0, host, () => resolve(s));
    });
  const servers = await Promise.all(Array.from({ length: n }, listening));
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}
