// Every secret `.env.example` ships with. They are public (the file is in every clone), so
// production refuses to start with any of them; tests/unit/production-checks.test.ts keeps this
// list equal to the file.
import { PUBLISHED_ADMIN_PASSWORD } from "./published-admin-password";

export const PUBLISHED_SECRETS = {
  AUTH_SECRET: "dev-only-secret-change-me-0123456789abcdef",
  DOKU_SECRET_KEY: "SK-SANDBOX-LOCAL-0000000000000001",
  ADMIN_PASSWORD: PUBLISHED_ADMIN_PASSWORD,
} as const;
