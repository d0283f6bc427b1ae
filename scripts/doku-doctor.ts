// `npm run doku:doctor`: the go-live checklist (lib/doku/doctor.ts) with this machine's .env.
// Exits 1 when a step fails, 2 when the configuration does not even parse.
import { appEnvOrExit } from "./load-env";

const env = await appEnvOrExit(2);
const { formatDoctor, runDoctor } = await import("../lib/doku/doctor");
const steps = await runDoctor(env);
console.log(formatDoctor(steps));
process.exit(steps.every((s) => s.ok) ? 0 : 1);
