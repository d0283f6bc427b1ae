// The lib code's per-call cost outside any HTTP server, standalone (the same figures as the
// "Profile" table of `npm run bench`):
//   flock /tmp/heavy.lock npx tsx --conditions=react-server scripts/bench/profile-notification.ts [count]
// CPU_PROFILE=file.cpuprofile also writes a V8 CPU profile of the loops (Chrome DevTools opens it).
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Session } from "node:inspector/promises";
import { profileInProcess } from "./notifications";
import { BENCH_DIR, DOKU, NOTIFICATION_PATH } from "./setup";

const count = Number(process.argv[2] ?? 5000);
for (const suffix of ["", "-wal", "-shm"]) rmSync(join(BENCH_DIR, `profile.db${suffix}`), { force: true });
const session = process.env.CPU_PROFILE ? new Session() : null;
if (session) {
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
}
const profile = await profileInProcess(count, {
  DOKU_BASE_URL: "http://127.0.0.1:9",
  DOKU_CLIENT_ID: DOKU.clientId,
  DOKU_SECRET_KEY: DOKU.secretKey,
  DOKU_NOTIFICATION_PATH: NOTIFICATION_PATH,
  APP_BASE_URL: "http://localhost:3000",
  AUTH_SECRET: "profile-only-secret-0123456789abcdef0123",
});
if (session) {
  const { profile: cpu } = await session.post("Profiler.stop");
  writeFileSync(process.env.CPU_PROFILE!, JSON.stringify(cpu));
}
console.log(profile);
