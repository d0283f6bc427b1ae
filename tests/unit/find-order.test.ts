// "Find my order" (lib/orders/find-order.ts) on a real database (both dialects): a matching email
// and reference (or invoice number) queue the order's link to the order's own address; a request
// that matches nothing, or goes over a limit, queues nothing; and every well-formed request gets
// the same answer after the same minimum time (a fake clock: no timed test).
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, testDialect } from "../support/app-db";
import { createPendingOrder } from "../support/pending-order";

setTestEnv();
const { emailOutbox, orders, rateLimits } = await import("@/lib/db/schema");
const { answerFindOrder, findOrderAndSend, matchingOrder, FIND_ANSWER_MS } =
  await import("@/lib/orders/find-order");
const { FIND_ORDER_LIMITS } = await import("@/lib/orders/find-limits");
const { orderReference } = await import("@/lib/format");

let db: Awaited<ReturnType<typeof migratedAndSeeded>>;
beforeAll(async () => {
  db = await migratedAndSeeded();
});

let serial = 0;
async function orderFor(email: string) {
  const { orderId, invoice } = await createPendingOrder(db);
  await db.run((d) => d.update(orders).set({ customerEmail: email }).where(eq(orders.id, orderId)));
  const [row] = await db.run((d) => d.select().from(orders).where(eq(orders.id, orderId)));
  return { id: orderId, invoice, reference: orderReference(row!.publicToken) };
}
const linksTo = (orderId: number) =>
  db.run((d) =>
    d
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.orderId, orderId), eq(emailOutbox.kind, "order_link"))),
  );
/** A client address of its own per test, so each starts under the per-client limit. */
const client = () => `192.0.2.${++serial}`;

/** A clock that advances only by what the code does and sleeps. */
function fakeClock(start: number, workMs: number) {
  let now = start;
  const slept: number[] = [];
  return {
    clock: {
      now: () => {
        const at = now;
        now += workMs;
        return at;
      },
      sleep: async (ms: number) => {
        slept.push(ms);
        now += ms;
      },
    },
    slept,
  };
}

describe("find my order", () => {
  it("queues the link to the order's address for its reference, in any case, and for its invoice number", async () => {
    const order = await orderFor("Siti.Find@example.com");
    expect(
      await findOrderAndSend(
        { email: "Siti.Find@example.com", reference: order.reference.toLowerCase() },
        client(),
      ),
    ).toBe("sent");
    expect(
      await findOrderAndSend(
        { email: "siti.find@example.com", reference: order.invoice },
        client(),
      ),
    ).toBe("sent");
    const lower = await orderFor("budi.find@example.com");
    expect(
      await findOrderAndSend(
        { email: "Budi.Find@example.com", reference: lower.invoice.toLowerCase() },
        client(),
      ),
    ).toBe("sent");
    const queued = await linksTo(order.id);
    expect(queued.map((r) => [r.recipient, r.cause, r.status])).toEqual([
      ["Siti.Find@example.com", null, "queued"],
      ["Siti.Find@example.com", null, "queued"],
    ]);
    expect((await linksTo(lower.id)).map((r) => r.recipient)).toEqual(["budi.find@example.com"]);
  });

  // SQLite's plan shows the statement's shape; PostgreSQL's follows its statistics (with a handful
  // of rows it walks the primary key whatever the statement), so the plan is read on SQLite only.
  it.runIf(testDialect === "sqlite")(
    "finds the order through the reference's and the invoice's indexes, never reading every order",
    async () => {
      const order = await orderFor("plan.find@example.com");
      for (const reference of [order.reference, order.invoice]) {
        const query = await db.run(async (d) =>
          matchingOrder(d, { email: "Plan.Find@example.com", reference }).toSQL(),
        );
        const driver = db.driver;
        if (driver.dialect !== "sqlite") return;
        const plan = driver.client
          .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
          .all(...(query.params as string[])) as { detail: string }[];
        const text = plan.map((r) => r.detail).join("\n");
        expect(text).toMatch(/SEARCH (TABLE )?orders USING INTEGER PRIMARY KEY/);
        expect(text).not.toMatch(/\bSCAN (TABLE )?(orders|o2)\b/);
      }
      expect(
        await findOrderAndSend(
          { email: "Plan.Find@example.com", reference: order.reference },
          client(),
        ),
      ).toBe("sent");
    },
  );

  it("queues nothing for a wrong reference or someone else's email @faults", async () => {
    const order = await orderFor("ani.find@example.com");
    const other = await orderFor("eko.find@example.com");
    expect(
      await findOrderAndSend(
        { email: "ani.find@example.com", reference: other.reference },
        client(),
      ),
    ).toBe("no_match");
    expect(
      await findOrderAndSend(
        { email: "eko.find@example.com", reference: order.reference },
        client(),
      ),
    ).toBe("no_match");
    expect(
      await findOrderAndSend({ email: "ani.find@example.com", reference: "ZZZZZZZZ" }, client()),
    ).toBe("no_match");
    expect(await linksTo(order.id)).toEqual([]);
    expect(await linksTo(other.id)).toEqual([]);
  });

  it("answers a match and a miss the same, after the same minimum time @faults", async () => {
    const order = await orderFor("dewi.find@example.com");
    const match = fakeClock(1_000_000, 5);
    const miss = fakeClock(1_000_000, 5);
    const a = await answerFindOrder(
      { email: "dewi.find@example.com", reference: order.reference },
      client(),
      match.clock,
    );
    const b = await answerFindOrder(
      { email: "dewi.find@example.com", reference: "AAAAAAAA" },
      client(),
      miss.clock,
    );
    expect(a).toEqual({ ok: true });
    expect(b).toEqual(a);
    // Both waited out the rest of FIND_ANSWER_MS after 5 ms of work: answered at the same time.
    expect(match.slept).toEqual([FIND_ANSWER_MS - 5]);
    expect(miss.slept).toEqual(match.slept);
    expect(await linksTo(order.id)).toHaveLength(1);
  });

  it("refuses a malformed form field by field, and queues nothing @faults", async () => {
    const answer = await answerFindOrder({ email: "bukan-email", reference: "" }, client());
    expect(answer).toEqual({
      ok: false,
      problems: { email: "emailInvalid", reference: "referenceMissing" },
    });
    expect(await answerFindOrder({ email: "", reference: "x".repeat(10_000) }, client())).toEqual({
      ok: false,
      problems: { email: "emailMissing", reference: "referenceInvalid" },
    });
  });

  it("sends at most 3 links an hour to one mailbox, however it is written, and answers the same @faults", async () => {
    const order = await orderFor("rina.find@gmail.com");
    const outcomes = [];
    for (const email of [
      "rina.find@gmail.com",
      "rina.find@gmail.com",
      "rina.find@gmail.com",
      "rina.find@gmail.com",
    ])
      outcomes.push(await findOrderAndSend({ email, reference: order.reference }, client()));
    expect(outcomes).toEqual(["sent", "sent", "sent", "limited"]);
    // The same mailbox spelled otherwise is the same counter.
    expect(
      await findOrderAndSend(
        { email: "RinaFind+x@gmail.com", reference: order.reference },
        client(),
      ),
    ).toBe("limited");
    expect(await linksTo(order.id)).toHaveLength(3);
    const answer = await answerFindOrder(
      { email: "rina.find@gmail.com", reference: order.reference },
      client(),
      fakeClock(0, 1).clock,
    );
    expect(answer).toEqual({ ok: true });
    expect(await linksTo(order.id)).toHaveLength(3);
  });

  it("lets one client ask 10 times an hour, whatever the addresses @faults", async () => {
    const from = client();
    const orders = [];
    for (let i = 0; i < FIND_ORDER_LIMITS.perClient + 1; i++)
      orders.push(await orderFor(`walk${i}.find@example.com`));
    const outcomes = [];
    for (const [i, order] of orders.entries())
      outcomes.push(
        await findOrderAndSend(
          { email: `walk${i}.find@example.com`, reference: order.reference },
          from,
        ),
      );
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(FIND_ORDER_LIMITS.perClient);
    expect(outcomes.at(-1)).toBe("limited");
    // A new window an hour later counts afresh.
    const later = new Date(Date.now() + FIND_ORDER_LIMITS.windowMs + 1000);
    expect(
      await findOrderAndSend(
        { email: "walk0.find@example.com", reference: orders[0]!.reference },
        from,
        later,
      ),
    ).toBe("sent");
    const counters = await db.run((d) =>
      d
        .select()
        .from(rateLimits)
        .where(eq(rateLimits.key, `find-order:address:${from}`)),
    );
    expect(counters[0]!.count).toBe(1);
  });
});
