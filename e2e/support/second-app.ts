// A second `next start` of the same build on a database of its own, for tests that kill or
// restart the app, or need a configuration of their own.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";

export const SECOND_PORT = 3200;
export const SECOND_BASE = `http://localhost:${SECOND_PORT}`;

/** Starts it (on `port`, SECOND_PORT unless a test runs several); `stop()` SIGKILLs its process group. */
export function startApp(env: NodeJS.ProcessEnv, port = SECOND_PORT): { child: ChildProcess; stop(): Promise<void> } {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env,
    detached: true,
    stdio: "ignore",
  });
  const exited = once(child, "exit");
  return {
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
      await exited;
    },
  };
}

/** The HTTP status `url` answers with, or null when nothing listens. */
export async function answers(url: string): Promise<number | null> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).status;
  } catch {
    return null;
  }
}
