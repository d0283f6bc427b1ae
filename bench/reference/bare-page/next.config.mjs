// The bare reference app's config: its own folder is the root, so that Next does not take the
// shop's lockfile folder for the project and build the shop's proxy.ts and instrumentation.ts in.
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const config = { turbopack: { root }, outputFileTracingRoot: root };
export default config;
