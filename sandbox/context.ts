// What every route needs, built once per sandbox instance (no module-level state, so tests can
// run several sandboxes side by side).
import type { SandboxConfig } from "./config";
import type { Notifier } from "./notifications";
import type { Settlement } from "./settlement";
import type { SandboxState } from "./state";

export interface SandboxContext {
  config: SandboxConfig;
  state: SandboxState;
  notifier: Notifier;
  settlement: Settlement;
  /** Base URL for `payment.url`: configured, else the listening address, else the request's origin. */
  publicUrl(requestUrl: string): string;
  /** `smtp://127.0.0.1:<port>` once startSandbox listens for mail; undefined under createSandbox. */
  smtpUrl(): string | undefined;
  log(line: string): void;
}
