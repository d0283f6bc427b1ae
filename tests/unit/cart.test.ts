// lib/cart on a real database: bounds, inactive products, and pricing from the catalogue.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv } from "../support/app-db";

setTestEnv();
const { addToCart, loadCart, setCartQuantity, removeFromCart, restoreCartFromOrder, CartError } =
  await import("@/lib/cart/cart");
const { priceCart } = await import("@/lib/cart/pricing");
const schema = await import("@/lib/db/schema");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});

const bySlug = async (slug: string) =>
  (
    await db.run((d) =>
      d.select().from(schema.products).where(eq(schema.products.slug, slug)).limit(1),
    )
  )[0]!;
const setStock = (slug: string, stock: number) =>
  db.run((d) => d.update(schema.products).set({ stock }).where(eq(schema.products.slug, slug)));
const inactive = async () =>
  (
    await db.run((d) =>
      d.select().from(schema.products).where(eq(schema.products.active, false)).limit(1),
    )
  )[0]!;

describe("cart", () => {
  it("creates a cart with an unguessable id and adds up quantities", async () => {
    const tote = await bySlug("batik-kawung-tote");
    const id = await addToCart(null, tote.id, 2);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await addToCart(id, tote.id, 3)).toBe(id);
    const cart = await loadCart(id);
    expect(cart.lines.map((l) => [l.product.slug, l.quantity, l.lineTotal])).toEqual([
      ["batik-kawung-tote", 5, tote.price * 5],
    ]);
  });

  it("a forged or unknown cart id starts a new cart instead of reading someone else's", async () => {
    const tote = await bySlug("batik-kawung-tote");
    const forged = "A".repeat(43);
    expect((await loadCart(forged)).lines).toEqual([]);
    expect(await addToCart(forged, tote.id, 1)).not.toBe(forged);
  });

  it("refuses unknown and inactive products", async () => {
    await expect(addToCart(null, 999_999, 1)).rejects.toThrow(CartError);
    await expect(addToCart(null, (await inactive()).id, 1)).rejects.toMatchObject({
      problem: { code: "productUnavailable" },
    });
  });

  it("holds at most 99 of one product", async () => {
    const coffee = await bySlug("kopi-gula-aren-drip-bags");
    const id = await addToCart(null, coffee.id, 98);
    await expect(addToCart(id, coffee.id, 2)).rejects.toMatchObject({
      problem: { code: "quantityMaxInCart", max: 99, inCart: 98 },
    });
    expect((await loadCart(id)).lines[0]!.quantity).toBe(98);
    await setCartQuantity(id, coffee.id, 99);
    expect((await loadCart(id)).lines[0]!.quantity).toBe(99);
    // The database refuses what the code would never write (drizzle may wrap the driver's error).
    const refused: Error = await setCartQuantity(id, coffee.id, 100).then(
      () => expect.fail("not refused"),
      (error: Error) => error,
    );
    expect(`${refused.message} ${(refused.cause as Error | undefined)?.message}`).toMatch(
      /check constraint/i,
    );
    await removeFromCart(id, coffee.id);
    expect((await loadCart(id)).lines).toEqual([]);
  });

  it("refuses more than is left, saying how many are left and how many the cart holds", async () => {
    const phone = await bySlug("lintas-x5-smartphone");
    await setStock(phone.slug, 3);
    await expect(addToCart(null, phone.id, 4)).rejects.toMatchObject({
      problem: { code: "stockLimit", left: 3 },
    });
    const id = await addToCart(null, phone.id, 2);
    await expect(addToCart(id, phone.id, 2)).rejects.toMatchObject({
      problem: { code: "stockLimitInCart", left: 3, inCart: 2 },
    });
    expect((await loadCart(id)).lines.map((l) => [l.quantity, l.stock])).toEqual([[2, 3]]);
    await addToCart(id, phone.id, 1);
    await expect(setCartQuantity(id, phone.id, 4)).rejects.toMatchObject({
      problem: { code: "stockLimit", left: 3 },
    });
    await setCartQuantity(id, phone.id, 1);
    expect((await loadCart(id)).lines[0]!.quantity).toBe(1);

    await setStock(phone.slug, 0);
    await expect(addToCart(null, phone.id, 1)).rejects.toMatchObject({
      problem: { code: "soldOut" },
    });
    await expect(setCartQuantity(id, phone.id, 1)).rejects.toMatchObject({
      problem: { code: "soldOut" },
    });
    // The bound of 99 is checked first: its message says the most anyone may buy.
    await expect(addToCart(id, phone.id, 99)).rejects.toMatchObject({
      problem: { code: "quantityMaxInCart", max: 99, inCart: 1 },
    });
    await setStock(phone.slug, 3);
  });

  it("flags a line that asks for more than is left since it was added", async () => {
    const [tote, phone] = [await bySlug("batik-kawung-tote"), await bySlug("lintas-x5-smartphone")];
    const id = await addToCart(await addToCart(null, tote.id, 1), phone.id, 2);
    await setStock(phone.slug, 1);
    const cart = await loadCart(id);
    expect(cart.lines.map((l) => [l.product.slug, l.quantity, l.stock])).toEqual([
      ["batik-kawung-tote", 1, tote.stock],
      ["lintas-x5-smartphone", 2, 1],
    ]);
    expect(cart.short).toEqual([{ productId: phone.id, name: phone.name, wanted: 2, left: 1 }]);
    await setStock(phone.slug, 3);
    expect((await loadCart(id)).short).toEqual([]);
  });

  it("shows a product that stopped being sold as unavailable and never prices it", async () => {
    const gone = await inactive();
    const id = await addToCart(null, (await bySlug("batik-kawung-tote")).id, 1);
    await db.run((d) =>
      d.insert(schema.cartItems).values({ cartId: id, productId: gone.id, quantity: 1 }),
    );
    const cart = await loadCart(id);
    expect(cart.unavailable).toEqual([gone.name]);
    expect(cart.lines.map((l) => l.product.id)).not.toContain(gone.id);
  });

  it("puts an order's products back into a cart (Back to cart)", async () => {
    const shirt = await bySlug("batik-tulis-parang-shirt");
    const [order] = await db.run((d) =>
      d
        .insert(schema.orders)
        .values({
          publicToken: "t".repeat(32),
          checkoutKey: crypto.randomUUID(),
          customerFirstName: "A",
          customerEmail: "a@example.com",
          customerPhone: "6281234567890",
          shippingAddress: {
            firstName: "A",
            address: "x",
            city: "y",
            postalCode: "12345",
            phone: "6281234567890",
            countryCode: "IDN",
          },
          billingAddress: {
            firstName: "A",
            address: "x",
            city: "y",
            postalCode: "12345",
            phone: "6281234567890",
            countryCode: "IDN",
          },
          subtotal: shirt.price * 2,
          shippingTotal: 15_000,
          total: shirt.price * 2 + 15_000,
        })
        .returning(),
    );
    await db.run((d) =>
      d.insert(schema.orderItems).values([
        {
          orderId: order!.id,
          kind: "product",
          productId: shirt.id,
          sellerId: shirt.sellerId,
          name: shirt.name,
          sku: shirt.sku,
          itemType: "FASHION",
          unitPrice: shirt.price,
          quantity: 2,
          lineTotal: shirt.price * 2,
        },
        {
          orderId: order!.id,
          kind: "shipping",
          sellerId: shirt.sellerId,
          name: "Shipping",
          sku: "SHIP",
          itemType: "SHIPPING",
          unitPrice: 15_000,
          quantity: 1,
          lineTotal: 15_000,
        },
      ]),
    );
    const id = await restoreCartFromOrder(order!.id, null);
    expect((await loadCart(id)).lines.map((l) => [l.product.slug, l.quantity])).toEqual([
      ["batik-tulis-parang-shirt", 2],
    ]);
  });
});

describe("priceCart", () => {
  const seller = (id: string, shippingFee: number) => ({ id, name: id, shippingFee });
  const product = (
    id: number,
    price: number,
    type: "physical" | "digital",
    s: ReturnType<typeof seller>,
  ) => ({
    id,
    slug: `p${id}`,
    sku: `SKU${id}`,
    name: `P${id}`,
    price,
    type,
    category: "X",
    imagePath: "/x.svg",
    seller: s,
  });

  it("charges flat shipping once per seller that ships something physical", () => {
    const a = seller("a", 15_000);
    const b = seller("b", 12_000);
    const c = seller("c", 20_000);
    const priced = priceCart([
      { product: product(1, 100_000, "physical", a), quantity: 2 },
      { product: product(2, 50_000, "physical", a), quantity: 1 },
      { product: product(3, 79_000, "physical", b), quantity: 3 },
      { product: product(4, 350_000, "digital", c), quantity: 1 },
    ]);
    expect(priced.subtotal).toBe(200_000 + 50_000 + 237_000 + 350_000);
    expect(priced.shipping.map((s) => [s.sellerId, s.fee])).toEqual([
      ["a", 15_000],
      ["b", 12_000],
    ]);
    expect(priced.total).toBe(priced.subtotal + 27_000);
    expect(priced.itemCount).toBe(7);
  });

  it("refuses non-integer money", () => {
    expect(() =>
      priceCart([{ product: product(1, 10.5, "physical", seller("a", 1)), quantity: 1 }]),
    ).toThrow(RangeError);
  });
});
