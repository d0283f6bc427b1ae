// The tables of the dialect DATABASE_URL names (lib/db/dialect.ts). Both files define the same
// tables with the same TypeScript types, so the shop's queries are written once, against these.
// They are typed as PostgreSQL's, whose query builder is the stricter one (every query awaited,
// no synchronous `.get()`), so code that type-checks runs on both.
import { dialectOf } from "../dialect";
import * as postgres from "./postgres";
import * as sqlite from "./sqlite";

export const dialect = dialectOf(process.env.DATABASE_URL);

const tables = (dialect === "postgresql" ? postgres : sqlite) as unknown as typeof postgres;

export const {
  sellers,
  products,
  carts,
  cartItems,
  orders,
  orderItems,
  paymentAttempts,
  paymentEvents,
  parcels,
  parcelTrackings,
  refunds,
  orderNotes,
  users,
  accountTokens,
  activityLog,
  rateLimits,
  emailOutbox,
  emailDeliveries,
  alerts,
  reconcilerRuns,
} = tables;

export * from "./values";
