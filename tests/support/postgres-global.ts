// Vitest global setup of the `postgresql` project: one PostgreSQL for the whole run; each test
// file gets a database of its own on it (tests/support/app-db.ts).
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresServerUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startPostgres();
  project.provide("postgresServerUrl", server.url);
  return () => server.stop();
}
