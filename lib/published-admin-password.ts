// The admin password `.env.example` ships with, alone in its module so the browser's password
// rules (lib/auth/password-rules.ts) can refuse it without bundling the other published values.
export const PUBLISHED_ADMIN_PASSWORD = "sandbox-admin-change-me";
