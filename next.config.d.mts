// Types for next.config.mjs, which tests/unit/page-routing.test.ts routes requests through.
import type { NextConfig } from "next";

declare const config: NextConfig;
export default config;
