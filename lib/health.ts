// Liveness, what a process supervisor asks: the process is up and answers HTTP. It touches nothing
// else, so a database outage never gets a healthy process restarted; readiness (lib/ready.ts) is
// the check that includes the database.
export function health(): { ok: true } {
  return { ok: true };
}
