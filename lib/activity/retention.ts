// How long the activity log keeps an entry: two years, a year of audits plus the one before it.
// The database enforces it (drizzle/*/…_team.sql: a trigger refuses deleting anything younger);
// lib/payments/prune-noise.ts deletes what is older.
export const ACTIVITY_RETENTION_DAYS = 730;
