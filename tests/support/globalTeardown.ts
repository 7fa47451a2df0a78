import fs from "node:fs";

export default async function globalTeardown(): Promise<void> {
  const servers = globalThis.__ATLANTE_TEST_SERVERS__;
  if (!servers) return;
  await Promise.all(servers.processes.map((p) => p.stop()));
  fs.rmSync(servers.dir, { recursive: true, force: true });
}
