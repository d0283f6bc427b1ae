// The back-office bench's data set: a shop two years old with BENCH_OFFICE_ORDERS (1,000,000)
// orders, written by the database itself (INSERT … SELECT over a table of numbers: generate_series
// on PostgreSQL, a recursive CTE on SQLite), one statement per table, so a million orders take
// minutes, not hours. Every value is a function of the order's number, so both databases hold the
// same shop. Built once and kept (bench_dataset records what was built); a rerun only migrates it.
import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";
import type { Database } from "@/lib/db/connection";
import { seedDatabase, seedProducts, seedSellers } from "@/lib/db/seed";

/** Raise when the shape of the data changes: a cached data set of another version is rebuilt. */
export const DATASET_VERSION = "office-1";

export interface Dataset {
  version: string;
  orders: number;
  /** The build's "now": the newest orders are from just before it, the oldest two years earlier. */
  builtAt: Date;
}

const DAY_MS = 86_400_000;
const SPAN_MS = 730 * DAY_MS;

type Dialect = "sqlite" | "postgresql";

/** The SQL that differs between the two dialects; everything else is written once. */
function dialectSql(d: Dialect) {
  const pgsql = d === "postgresql";
  return {
    ts: (ms: string) => (pgsql ? `to_timestamp((${ms}) / 1000.0)` : `(${ms})`),
    bool: (x: string) => (pgsql ? `(${x})` : `(CASE WHEN ${x} THEN 1 ELSE 0 END)`),
    pad: (x: string, n: number) =>
      pgsql ? `lpad((${x})::text, ${n}, '0')` : `substr('0000000000000' || (${x}), -${n})`,
    token: (x: string) => (pgsql ? `md5((${x})::text || 'token')` : `lower(hex(randomblob(16)))`),
    text: (x: string) => (pgsql ? `(${x})::text` : `CAST(${x} AS TEXT)`),
    json: (x: string) => (pgsql ? `(${x})::json` : x),
  };
}

/** A well-spread pseudo-random 0..m-1 of an integer expression (same on both databases). */
const MULTIPLIERS = [2654435761, 2246822519, 3266489917, 668265263, 374761393, 1103515245];
const h = (x: string, salt: number, m: number) =>
  `(((${x}) * ${MULTIPLIERS[salt % MULTIPLIERS.length]} + ${salt * 7919}) % 1000003 % ${m})`;

/** The statements that build the data set, in order; `i` numbers the orders from 1. */
function buildStatements(d: Dialect, n: number, nowMs: number): string[] {
  const q = dialectSql(d);
  const start = nowMs - SPAN_MS;
  const step = Math.floor(SPAN_MS / n);
  const sellers = seedSellers.map((s) => s.id);
  const numbers =
    d === "postgresql"
      ? [
          `CREATE UNLOGGED TABLE bench_nums AS SELECT generate_series(1, ${n})::bigint AS i`,
          `CREATE UNLOGGED TABLE bench_k AS SELECT generate_series(1, 4)::bigint AS k`,
        ]
      : [
          `CREATE TABLE bench_nums (i INTEGER PRIMARY KEY)`,
          `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${n}) INSERT INTO bench_nums SELECT i FROM c`,
          `CREATE TABLE bench_k (k INTEGER PRIMARY KEY)`,
          `INSERT INTO bench_k VALUES (1), (2), (3), (4)`,
        ];
  const productRows = `(SELECT id, seller_id, name, sku, price, category, row_number() OVER (ORDER BY id) - 1 AS n FROM products)`;
  const sellerCase = (x: string) =>
    `(CASE ${x} ${sellers.map((s, j) => `WHEN ${j} THEN '${s}'`).join(" ")} END)`;
  const firstNames = ["Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Andi", "Wulan"];
  const lastNames = ["Santoso", "Rahayu", "Pratama", "Lestari", "Hidayat", "Saputra", "Wijaya"];
  const domains = ["gmail.com", "yahoo.co.id", "outlook.com", "hotmail.com", "toko.example"];
  const pick = (list: string[], salt: number) =>
    `(CASE ${h("i", salt, list.length)} ${list.map((v, j) => `WHEN ${j} THEN '${v}'`).join(" ")} END)`;
  const address = `'{"firstName":"Budi","lastName":"Santoso","address":"Jl. Merdeka No. 1","city":"Jakarta","postalCode":"10110","phone":"081234567890","countryCode":"IDN"}'`;

  return [
    ...numbers,
    // One row per order with everything the other tables derive from it.
    `CREATE ${d === "postgresql" ? "UNLOGGED " : ""}TABLE bench_o AS SELECT i, created_ms, s, status,
       CASE WHEN status IN ('paid', 'refunded') THEN
         CASE WHEN status = 'refunded' THEN (CASE WHEN s % 2 = 0 THEN 'cancelled' ELSE 'completed' END)
              WHEN created_ms < ${nowMs - 14 * DAY_MS} THEN 'completed'
              ELSE (CASE ${h("i", 10, 4)} WHEN 0 THEN 'unfulfilled' WHEN 1 THEN 'partly_shipped' WHEN 2 THEN 'shipped' ELSE 'delivered' END)
         END END AS fulfilment,
       subtotal, email, nitems, nattempts, nevents, nparcels
     FROM (SELECT i,
       ${start} + i * ${step} + ${h("i", 1, step)} AS created_ms,
       ${h("i", 2, 1000)} AS s,
       CASE WHEN ${h("i", 2, 1000)} < 620 THEN 'paid' WHEN ${h("i", 2, 1000)} < 650 THEN 'refunded'
            WHEN ${h("i", 2, 1000)} < 670 THEN 'cancelled' WHEN ${h("i", 2, 1000)} < 780 THEN 'failed'
            WHEN ${h("i", 2, 1000)} < 960 OR ${start} + i * ${step} < ${nowMs - 2 * DAY_MS} THEN 'expired'
            ELSE 'pending' END AS status,
       50000 + ${h("i", 3, 300)} * 5000 AS subtotal,
       lower(${pick(firstNames, 4)}) || '.' || ${h("i", 5, 400000)} || '@' || ${pick(domains, 6)} AS email,
       1 + ${h("i", 7, 4)} AS nitems,
       1 + (CASE WHEN ${h("i", 8, 10)} = 0 THEN 1 ELSE 0 END) AS nattempts,
       2 + ${h("i", 9, 3)} AS nevents,
       1 + (CASE WHEN ${h("i", 11, 4)} = 0 THEN 1 ELSE 0 END) AS nparcels
     FROM bench_nums) o`,
    // partly_shipped needs two parcels, one shipped and one not.
    `UPDATE bench_o SET nparcels = 2 WHERE fulfilment = 'partly_shipped'`,
    `INSERT INTO orders (id, public_token, checkout_key, status, customer_first_name, customer_last_name,
       customer_email, customer_mailbox, customer_phone, locale, shipping_address, billing_address,
       subtotal, shipping_total, total, created_at, updated_at, paid_at, stock_state, fulfilment,
       delivered_at, completed_at, cancelled_at, refunded_total)
     SELECT i, ${q.token("i")}, 'bench-' || i, status, ${pick(firstNames, 4)}, ${pick(lastNames, 12)},
       email, email, '0812' || ${q.pad(h("i", 13, 100000000), 8)}, CASE WHEN s % 5 = 0 THEN 'en' ELSE 'id' END,
       ${q.json(address)}, ${q.json(address)}, subtotal, 15000, subtotal + 15000,
       ${q.ts("created_ms")}, ${q.ts("created_ms + 600000")},
       CASE WHEN status IN ('paid', 'refunded') THEN ${q.ts("created_ms + 300000")} END,
       CASE WHEN status IN ('paid', 'refunded') THEN 'sold' WHEN status = 'pending' THEN 'reserved' ELSE 'released' END,
       fulfilment,
       CASE WHEN fulfilment IN ('delivered', 'completed') THEN ${q.ts(`created_ms + ${3 * DAY_MS}`)} END,
       CASE WHEN fulfilment = 'completed' THEN ${q.ts(`created_ms + ${10 * DAY_MS}`)} END,
       CASE WHEN status = 'cancelled' THEN ${q.ts("created_ms + 3600000")} END,
       CASE WHEN status = 'refunded' THEN subtotal + 15000 WHEN status = 'paid' AND s < 6 THEN 20000 ELSE 0 END
     FROM bench_o`,
    `INSERT INTO order_items (id, order_id, kind, product_id, seller_id, name, sku, item_type, unit_price, quantity, line_total)
     SELECT (o.i - 1) * 4 + k, o.i, 'product', p.id, p.seller_id, p.name, p.sku, p.category, p.price,
       1 + ${h("o.i * 4 + k", 14, 2)}, p.price * (1 + ${h("o.i * 4 + k", 14, 2)})
     FROM bench_o o JOIN bench_k ON k <= o.nitems
     JOIN ${productRows} p ON p.n = (o.i + k) % ${seedProducts.length}`,
    `INSERT INTO payment_attempts (id, order_id, invoice_number, request_id, merchant_unique_reference, amount,
       status, payment_url, kredivo_order_id, expires_at, created_at, updated_at, settled_at)
     SELECT (o.i - 1) * 2 + k, o.i, 'INV-' || ${q.pad("o.i", 8)} || '-' || k, 'req-' || o.i || '-' || k,
       'MUR-' || o.i || '-' || k, o.subtotal + 15000,
       CASE WHEN k < o.nattempts THEN 'failed' WHEN o.status = 'cancelled' THEN 'expired' ELSE o.status END,
       'https://sandbox.kredivo.example/pay/' || o.i || '-' || k, 'KRD' || o.i || k,
       ${q.ts(`o.created_ms + ${DAY_MS}`)}, ${q.ts("o.created_ms + k * 60000")}, ${q.ts("o.created_ms + k * 60000 + 300000")},
       CASE WHEN k = o.nattempts AND o.status IN ('paid', 'refunded', 'failed', 'expired') THEN ${q.ts("o.created_ms + 300000")} END
     FROM bench_o o JOIN bench_k ON k <= o.nattempts`,
    `INSERT INTO payment_events (id, kind, direction, order_id, attempt_id, request_id, inbox_key, method, url,
       http_status, signature_valid, request_headers, request_body, request_body_bytes, response_headers,
       response_body, duration_ms, outcome, effect, flagged, reviewed_at, created_at)
     SELECT (o.i - 1) * 4 + k,
       CASE k WHEN 1 THEN 'generate_order' WHEN 3 THEN 'check_status' ELSE 'notification' END,
       CASE k WHEN 1 THEN 'out' WHEN 3 THEN 'out' ELSE 'in' END,
       o.i, (o.i - 1) * 2 + o.nattempts, 'req-' || o.i || '-' || k,
       CASE WHEN k = 2 THEN 'rq-' || o.i END,
       'POST', CASE k WHEN 1 THEN '/orders/v1/generate' WHEN 3 THEN '/orders/v1/status' ELSE '/api/doku/notifications' END,
       200, ${q.bool("1 = 1")}, ${q.json(`'{"content-type":"application/json","client-id":"MCH-0001"}'`)},
       '{"order":{"invoice_number":"INV-' || ${q.pad("o.i", 8)} || '","amount":' || (o.subtotal + 15000) || '},"transaction":{"status":"SUCCESS","date":"2026-01-01T00:00:00Z"},"service":{"id":"PEER_TO_PEER"},"acquirer":{"id":"KREDIVO"},"channel":{"id":"PEER_TO_PEER_KREDIVO"}}',
       240, ${q.json(`'{"content-type":"application/json"}'`)}, '{"ok":true}', 40 + k * 7,
       CASE k WHEN 1 THEN 'payment_url' WHEN 3 THEN 'unchanged' WHEN 2 THEN o.status ELSE 'duplicate' END,
       CASE WHEN k = 1 THEN 'payment_started' WHEN k = 2 AND o.status IN ('paid', 'failed', 'expired', 'refunded') THEN o.status END,
       ${q.bool(`k = 2 AND ${h("o.i", 15, 2000)} = 0`)},
       CASE WHEN k = 2 AND ${h("o.i", 15, 2000)} = 0 AND o.i % 2 = 0 THEN ${q.ts(`o.created_ms + ${DAY_MS}`)} END,
       ${q.ts("o.created_ms + k * 120000")}
     FROM bench_o o JOIN bench_k ON k <= o.nevents`,
    `INSERT INTO parcels (id, order_id, seller_id, digital, state, courier, tracking_number, shipped_at, delivered_at,
       cancelled_at, created_at, updated_at)
     SELECT id, order_id, seller_id, digital, state, CASE WHEN state IN ('shipped', 'delivered') THEN 'jne' END,
       CASE WHEN state IN ('shipped', 'delivered') THEN 'JNE' || ${q.pad("id", 10)} END,
       CASE WHEN state IN ('shipped', 'delivered') THEN ${q.ts(`created_ms + ${DAY_MS}`)} END,
       CASE WHEN state = 'delivered' THEN ${q.ts(`created_ms + ${3 * DAY_MS}`)} END,
       CASE WHEN state = 'cancelled' THEN ${q.ts(`created_ms + ${DAY_MS}`)} END,
       ${q.ts("created_ms + 300000")}, ${q.ts("created_ms + 300000")}
     FROM (SELECT (o.i - 1) * 2 + k AS id, o.i AS order_id, ${sellerCase(`((o.i + k) % ${sellers.length})`)} AS seller_id,
       ${q.bool("1 = 0")} AS digital, o.created_ms,
       CASE o.fulfilment WHEN 'completed' THEN 'delivered' WHEN 'delivered' THEN 'delivered' WHEN 'shipped' THEN 'shipped'
         WHEN 'cancelled' THEN 'cancelled' WHEN 'partly_shipped' THEN (CASE WHEN k = 1 THEN 'shipped' ELSE 'awaiting' END)
         ELSE 'awaiting' END AS state
       FROM bench_o o JOIN bench_k ON k <= o.nparcels WHERE o.status IN ('paid', 'refunded')) x`,
    `INSERT INTO refunds (id, order_id, attempt_id, invoice_number, state, amount, "full", lines, adjustment, reason,
       restock, requested_by_id, requested_by_name, completed_at, completed_via, completed_by_id, completed_by_name,
       provider_reference, created_at)
     SELECT o.i, o.i, (o.i - 1) * 2 + o.nattempts, 'INV-' || ${q.pad("o.i", 8)} || '-' || o.nattempts, 'completed',
       CASE WHEN o.status = 'refunded' THEN o.subtotal + 15000 ELSE 20000 END, ${q.bool("o.status = 'refunded'")},
       ${q.json(`'[]'`)}, 0, 'Barang rusak saat diterima', ${q.bool("1 = 0")}, 1, 'Pemilik Toko',
       ${q.ts(`o.created_ms + ${2 * DAY_MS}`)}, 'owner', 1, 'Pemilik Toko', 'DOKU-RF-' || o.i, ${q.ts(`o.created_ms + ${DAY_MS}`)}
     FROM bench_o o WHERE o.status = 'refunded' OR (o.status = 'paid' AND o.s < 6)`,
    `INSERT INTO email_outbox (id, order_id, kind, cause, recipient, status, tries, next_attempt_at, message_id, sent_at, created_at)
     SELECT o.i, o.i, 'order_confirmation', 'attempt:' || ((o.i - 1) * 2 + o.nattempts), o.email, 'sent', 1,
       ${q.ts("o.created_ms + 300000")}, '<order-' || o.i || '@toko.example>', ${q.ts("o.created_ms + 310000")}, ${q.ts("o.created_ms + 300000")}
     FROM bench_o o WHERE o.status IN ('paid', 'refunded')`,
    `INSERT INTO email_deliveries (id, outbox_id, ok, response, duration_ms, created_at)
     SELECT o.i, o.i, ${q.bool("1 = 1")}, '250 2.0.0 Ok: queued as ' || o.i, 120, ${q.ts("o.created_ms + 310000")}
     FROM bench_o o WHERE o.status IN ('paid', 'refunded')`,
    // Staff ship every paid order's parcels: one entry per paid order on its timeline.
    `INSERT INTO activity_log (id, actor_id, actor_name, actor_role, action, subject_type, subject_id, before, after, created_at)
     SELECT o.i, 1, 'Staf Gudang', 'staff', 'order.parcel_shipped', 'order', ${q.text("o.i")},
       ${q.json(`'{"state":"awaiting"}'`)}, ${q.json(`'{"state":"shipped","courier":"jne"}'`)}, ${q.ts(`o.created_ms + ${DAY_MS}`)}
     FROM bench_o o WHERE o.fulfilment IS NOT NULL AND o.fulfilment <> 'unfulfilled'`,
    `DROP TABLE bench_o`,
    `DROP TABLE bench_k`,
    `DROP TABLE bench_nums`,
  ];
}

const TABLES_WITH_IDS = [
  "orders",
  "order_items",
  "payment_attempts",
  "payment_events",
  "parcels",
  "refunds",
  "email_outbox",
  "email_deliveries",
  "activity_log",
];

const MARKER = `CREATE TABLE IF NOT EXISTS bench_dataset (version TEXT NOT NULL, orders INTEGER NOT NULL, built_at_ms BIGINT NOT NULL)`;

async function readMarker(database: Database): Promise<Dataset | null> {
  const driver = database.driver;
  let row: { version: string; orders: number; built_at_ms: number | string } | undefined;
  if (driver.dialect === "sqlite") {
    const client = driver.client as BetterSqlite3.Database;
    client.exec(MARKER);
    row = client.prepare(`SELECT * FROM bench_dataset`).get() as typeof row;
  } else {
    const pool = driver.client as pg.Pool;
    await pool.query(MARKER);
    row = (await pool.query(`SELECT * FROM bench_dataset`)).rows[0] as typeof row;
  }
  return row
    ? {
        version: row.version,
        orders: Number(row.orders),
        builtAt: new Date(Number(row.built_at_ms)),
      }
    : null;
}

/** The cached data set when it is the one asked for; otherwise builds it into the (empty) database. */
export async function ensureDataset(
  database: Database,
  orders: number,
  log: (line: string) => void,
): Promise<Dataset> {
  await database.migrate();
  const found = await readMarker(database);
  if (found?.version === DATASET_VERSION && found.orders === orders) {
    log(`reusing the data set built ${found.builtAt.toISOString()} (${orders} orders)`);
    // Statistics as autovacuum keeps them; a migration's new expression index has none before.
    if (database.driver.dialect === "postgresql")
      await (database.driver.client as pg.Pool).query("ANALYZE orders, payment_attempts");
    return found;
  }
  if (found)
    throw new Error(
      `the database holds data set ${found.version} of ${found.orders} orders: remove it first`,
    );
  await seedDatabase(database);
  const builtAt = new Date();
  const statements = buildStatements(database.dialect, orders, builtAt.getTime());
  const driver = database.driver;
  const t0 = performance.now();
  const timed = async (sql: string, exec: () => Promise<unknown> | unknown) => {
    const t = performance.now();
    await exec();
    log(
      `  ${sql.replace(/\s+/g, " ").slice(0, 60)}… ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  };
  if (driver.dialect === "sqlite") {
    const client = driver.client as BetterSqlite3.Database;
    client.pragma("foreign_keys = OFF");
    client.pragma("synchronous = OFF");
    client.pragma("cache_size = -262144");
    client.exec("BEGIN");
    for (const sql of statements) await timed(sql, () => client.exec(sql));
    client
      .prepare(`INSERT INTO bench_dataset VALUES (?, ?, ?)`)
      .run(DATASET_VERSION, orders, builtAt.getTime());
    client.exec("COMMIT");
    client.pragma("wal_checkpoint(TRUNCATE)");
    client.pragma("synchronous = NORMAL");
    client.pragma("foreign_keys = ON");
  } else {
    const client = await (driver.client as pg.Pool).connect();
    try {
      await client.query("SET synchronous_commit = off");
      await client.query("SET maintenance_work_mem = '256MB'");
      await client.query("BEGIN");
      for (const sql of statements) await timed(sql, () => client.query(sql));
      for (const table of TABLES_WITH_IDS)
        await client.query(
          `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`,
        );
      await client.query(`INSERT INTO bench_dataset VALUES ($1, $2, $3)`, [
        DATASET_VERSION,
        orders,
        builtAt.getTime(),
      ]);
      await client.query("COMMIT");
      // Autovacuum would get there; the figures should not depend on when it does.
      await timed("VACUUM ANALYZE", () => client.query("VACUUM ANALYZE"));
    } finally {
      client.release();
    }
  }
  log(`built ${orders} orders in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return { version: DATASET_VERSION, orders, builtAt };
}
