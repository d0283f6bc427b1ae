// Staff notes on an order (lib/admin/notes.ts) on a real database (both dialects): a note and its
// `order.note_added` entry are written together, the body is trimmed and checked before the
// database is touched (a 1 MB note is refused with its length), the same form submitted twice adds
// one note, and nothing the shopper reads (their order page's query, their emails, the files that
// render them) ever reads order_notes.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { migratedAndSeeded, setTestEnv } from "../support/app-db";
import { createPendingOrder } from "../support/pending-order";

const session = vi.hoisted(() => ({ userId: null as number | null }));
vi.mock("@/lib/auth/config", () => ({
  SIGN_IN_PATH: "/admin/sign-in",
  auth: async () => (session.userId === null ? null : { user: { id: String(session.userId) } }),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

setTestEnv({ __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: "true", TRUSTED_PROXY_HOPS: "1" });
const { activityLog, orderNotes, users, orders } = await import("@/lib/db/schema");
const { addOrderNote, orderNotesOf, newNoteKey } = await import("@/lib/admin/notes");
const { NOTE_MAX_CHARS } = await import("@/lib/admin/note-schema");
const { addNoteAction } = await import("@/app/[locale]/admin/(office)/orders/[id]/note-actions");
const { findShopperOrder } = await import("@/lib/orders/queries");
const { loadOrderEmail } = await import("@/lib/mail/order-email");

let db: Awaited<ReturnType<typeof migratedAndSeeded>>;
beforeAll(async () => {
  db = await migratedAndSeeded();
});
afterEach(() => {
  session.userId = null;
});

let serial = 0;
async function staffMember() {
  const n = ++serial;
  const [row] = await db.run((d) =>
    d
      .insert(users)
      .values({
        email: `notes-${n}@toko.example`,
        name: `Rina ${n}`,
        role: "staff",
        passwordHash: "scrypt$unused",
      })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role }),
  );
  return row!;
}
const by = (staff: Awaited<ReturnType<typeof staffMember>>) => ({
  staff,
  clientAddress: "203.0.113.9",
});

const notesOf = (orderId: number) =>
  db.run((d) => d.select().from(orderNotes).where(eq(orderNotes.orderId, orderId)));
const noteEntries = (orderId: number) =>
  db.run((d) =>
    d
      .select()
      .from(activityLog)
      .where(
        and(eq(activityLog.action, "order.note_added"), eq(activityLog.subjectId, String(orderId))),
      ),
  );

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, String(value));
  return data;
}

describe("adding a note", () => {
  it("keeps the trimmed note and writes its order.note_added entry with it", async () => {
    const { orderId } = await createPendingOrder(db);
    const staff = await staffMember();
    const result = await addOrderNote(
      orderId,
      "  Pembeli minta dikirim Senin.\n ",
      newNoteKey(),
      by(staff),
    );
    expect(result).toMatchObject({ ok: true, duplicate: false });
    const notes = await orderNotesOf(orderId);
    expect(notes.map((n) => [n.body, n.authorName])).toEqual([
      ["Pembeli minta dikirim Senin.", staff.name],
    ]);
    const entries = await noteEntries(orderId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: staff.id,
      clientAddress: "203.0.113.9",
      after: { noteId: notes[0]!.id, chars: 28, excerpt: "Pembeli minta dikirim Senin." },
    });
  });

  it("refuses an empty note and a note of only spaces, writing nothing @faults", async () => {
    const { orderId } = await createPendingOrder(db);
    const staff = await staffMember();
    expect(await addOrderNote(orderId, "", newNoteKey(), by(staff))).toEqual({
      ok: false,
      error: "empty",
      length: 0,
    });
    expect(await addOrderNote(orderId, " \n\t ", newNoteKey(), by(staff))).toMatchObject({
      ok: false,
      error: "empty",
    });
    expect(await notesOf(orderId)).toEqual([]);
    expect(await noteEntries(orderId)).toEqual([]);
  });

  it("takes 2,000 characters and refuses 2,001", async () => {
    const { orderId } = await createPendingOrder(db);
    const staff = await staffMember();
    const full = "a".repeat(NOTE_MAX_CHARS);
    expect(await addOrderNote(orderId, full, newNoteKey(), by(staff))).toMatchObject({ ok: true });
    expect(await addOrderNote(orderId, `${full}b`, newNoteKey(), by(staff))).toEqual({
      ok: false,
      error: "tooLong",
      length: NOTE_MAX_CHARS + 1,
    });
    expect((await notesOf(orderId)).map((n) => n.body.length)).toEqual([NOTE_MAX_CHARS]);
  });

  it("refuses a 1 MB note through the server action with its length, before any write @faults", async () => {
    const { orderId } = await createPendingOrder(db);
    const staff = await staffMember();
    session.userId = staff.id;
    const megabyte = "x".repeat(1024 * 1024);
    const answer = await addNoteAction(
      null,
      form({ orderId, submitKey: newNoteKey(), body: megabyte }),
    );
    expect(answer).toEqual({ ok: false, error: "tooLong", length: 1024 * 1024 });
    expect(await notesOf(orderId)).toEqual([]);
    expect(await noteEntries(orderId)).toEqual([]);
  });

  it("adds the same form submitted twice once, and says the second was already added @faults", async () => {
    const { orderId } = await createPendingOrder(db);
    const staff = await staffMember();
    session.userId = staff.id;
    const fields = { orderId, submitKey: newNoteKey(), body: "Sudah ditelepon." };
    const [first, second] = await Promise.all([
      addNoteAction(null, form(fields)),
      addNoteAction(null, form(fields)),
    ]);
    expect([first, second].map((r) => r.ok && r.duplicate).sort()).toEqual([false, true]);
    expect(await notesOf(orderId)).toHaveLength(1);
    expect(await noteEntries(orderId)).toHaveLength(1);
    // A new key (the next form) is a new note.
    await addNoteAction(null, form({ ...fields, submitKey: newNoteKey() }));
    expect(await notesOf(orderId)).toHaveLength(2);
  });

  it("refuses a form without its key or with an order that does not exist @faults", async () => {
    const staff = await staffMember();
    session.userId = staff.id;
    const { orderId } = await createPendingOrder(db);
    expect(await addNoteAction(null, form({ orderId, submitKey: "short", body: "x" }))).toEqual({
      ok: false,
      error: "invalid",
    });
    expect(
      await addNoteAction(null, form({ orderId: 987_654_321, submitKey: newNoteKey(), body: "x" })),
    ).toEqual({ ok: false, error: "notFound" });
    expect(await notesOf(orderId)).toEqual([]);
  });
});

describe("notes never reach the shopper", () => {
  it("the shopper's order query and every order email leave a note's text out", async () => {
    const { orderId } = await createPendingOrder(db);
    const staff = await staffMember();
    const secret = "INTERNAL-ONLY pembeli cerewet";
    await addOrderNote(orderId, secret, newNoteKey(), by(staff));
    const [order] = await db.run((d) => d.select().from(orders).where(eq(orders.id, orderId)));
    const shopper = await findShopperOrder(order!.publicToken);
    expect(shopper).not.toBeNull();
    expect(JSON.stringify(shopper)).not.toContain("INTERNAL-ONLY");
    const { orderEmailKinds } = await import("@/lib/db/schema/values");
    for (const kind of orderEmailKinds) {
      const email = await db.run((tx) =>
        loadOrderEmail(
          tx,
          { orderId, kind },
          { baseUrl: "http://shop.test", zone: "Asia/Jakarta" },
        ),
      );
      expect(JSON.stringify(email)).not.toContain("INTERNAL-ONLY");
    }
  });

  it("no file behind the shop's pages or emails reads order_notes", () => {
    const roots = [
      "app/[locale]/(shop)",
      "components/orders",
      "components/shop",
      "lib/orders",
      "lib/mail",
      "lib/checkout",
      "app/api/orders",
    ];
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name)) files.push(path);
      }
    };
    roots.forEach(walk);
    expect(files.length).toBeGreaterThan(20);
    const readers = files.filter((file) =>
      /orderNotes|order_notes|lib\/admin\/notes|note-item/.test(readFileSync(file, "utf8")),
    );
    expect(readers).toEqual([]);
  });
});
