// The demo catalogue: three Indonesian small businesses and their products. Deterministic and
// idempotent (upsert by seller id and product slug, in one transaction), free of `server-only`
// so that scripts and tests can use it. Prices are integer rupiah.
import type { Database } from "./connection";
import { products, sellers } from "./schema";

export type SeedSeller = typeof sellers.$inferInsert;
export type SeedProduct = Omit<typeof products.$inferInsert, "id">;

export const seedSellers = [
  {
    id: "batik-sekar-jagad",
    name: "Batik Sekar Jagad",
    email: "halo@batik-sekar-jagad.example",
    city: "Yogyakarta",
    shippingFee: 15_000,
  },
  {
    id: "gadget-kita",
    name: "Gadget Kita Elektronik",
    email: "cs@gadget-kita.example",
    city: "Jakarta",
    shippingFee: 20_000,
  },
  {
    id: "kopi-lereng-malabar",
    name: "Kopi Lereng Malabar",
    email: "roastery@kopi-lereng-malabar.example",
    city: "Bandung",
    shippingFee: 12_000,
  },
] as const satisfies readonly SeedSeller[];

type SellerId = (typeof seedSellers)[number]["id"];

type ProductInput = Omit<SeedProduct, "imagePath" | "active" | "sellerId"> & {
  sellerId: SellerId;
  active?: boolean;
};

/** Every product's picture is `public/products/<slug>.svg`. */
const product = (p: ProductInput): SeedProduct => ({
  ...p,
  imagePath: `/products/${p.slug}.svg`,
  active: p.active ?? true,
});

export const seedProducts: readonly SeedProduct[] = [
  product({
    slug: "batik-tulis-parang-shirt",
    sku: "BSJ-SHIRT-PARANG",
    name: "Batik Tulis Parang Shirt",
    description:
      "A short-sleeved men's shirt in hand-drawn batik tulis, with the classic parang motif in sogan brown. Cotton primissima, made to order in Yogyakarta.",
    price: 425_000,
    type: "physical",
    category: "FASHION",
    sellerId: "batik-sekar-jagad",
  }),
  product({
    slug: "batik-kawung-tote",
    sku: "BSJ-TOTE-KAWUNG",
    name: "Batik Kawung Canvas Tote",
    description:
      "A sturdy canvas tote with a stamped kawung batik panel and cotton handles. Big enough for a laptop and the market run.",
    price: 145_000,
    type: "physical",
    category: "FASHION",
    sellerId: "batik-sekar-jagad",
  }),
  product({
    slug: "batik-truntum-silk-scarf",
    sku: "BSJ-SCARF-TRUNTUM",
    name: "Batik Truntum Silk Scarf",
    description:
      "A light silk scarf dyed in indigo with the star-flower truntum motif, finished with a hand-rolled fringe.",
    price: 285_000,
    type: "physical",
    category: "FASHION",
    sellerId: "batik-sekar-jagad",
  }),
  product({
    slug: "batik-tulis-online-class",
    sku: "BSJ-CLASS-ONLINE",
    name: "Batik Tulis Online Class",
    description:
      "Four recorded video sessions on drawing batik with a canting, from wax to dye bath. Access link sent by email right after payment.",
    price: 350_000,
    type: "digital",
    category: "DIGITAL",
    sellerId: "batik-sekar-jagad",
  }),
  product({
    slug: "nada-anc-wireless-headphones",
    sku: "GKE-HP-NADA-ANC",
    name: "Nada ANC Wireless Headphones",
    description:
      "Over-ear Bluetooth 5.3 headphones with active noise cancelling and 40 hours of battery. Folds flat for the commute.",
    price: 1_250_000,
    type: "physical",
    category: "ELECTRONIC",
    sellerId: "gadget-kita",
  }),
  product({
    slug: "lintas-x5-smartphone",
    sku: "GKE-PH-LINTAS-X5-256",
    name: "Lintas X5 Smartphone 8/256 GB",
    description:
      "A 6.7-inch AMOLED smartphone with a 50 MP triple camera, 8 GB RAM and 256 GB storage. Official warranty for one year.",
    price: 4_499_000,
    type: "physical",
    category: "ELECTRONIC",
    sellerId: "gadget-kita",
  }),
  product({
    slug: "ketik-75-mechanical-keyboard",
    sku: "GKE-KB-KETIK-75",
    name: "Ketik 75% Mechanical Keyboard",
    description:
      "A compact 75% mechanical keyboard with hot-swappable tactile switches and PBT keycaps. Connects by USB-C, Bluetooth or 2.4 GHz.",
    price: 899_000,
    type: "physical",
    category: "ELECTRONIC",
    sellerId: "gadget-kita",
  }),
  product({
    slug: "java-preanger-arabica-250g",
    sku: "KLM-BEAN-PREANGER-250",
    name: "Java Preanger Arabica Beans 250 g",
    description:
      "Washed arabica from the slopes of Mount Malabar, medium roasted in Bandung. Notes of brown sugar, orange peel and jasmine.",
    price: 95_000,
    type: "physical",
    category: "FOOD",
    sellerId: "kopi-lereng-malabar",
  }),
  product({
    slug: "kopi-gula-aren-drip-bags",
    sku: "KLM-DRIP-ARENGULA-10",
    name: "Palm Sugar Drip Bag Coffee (10 pack)",
    description:
      "Ten single-serve drip bags of our house blend with a sachet of gula aren in each. Hang on a cup, pour hot water, done.",
    price: 45_000,
    type: "physical",
    category: "FOOD",
    sellerId: "kopi-lereng-malabar",
  }),
  product({
    slug: "home-brewing-guide-ebook",
    sku: "KLM-EBOOK-HOMEBREW",
    name: "Home Brewing Guide (e-book)",
    description:
      "A 120-page illustrated PDF guide to pour-over, AeroPress and tubruk brewing at home, with recipes for Indonesian beans. Download link sent right after payment.",
    price: 79_000,
    type: "digital",
    category: "DIGITAL",
    sellerId: "kopi-lereng-malabar",
  }),
  // Discontinued: kept so that carts and checkout can be shown to refuse inactive products.
  product({
    slug: "lintas-x4-smartphone",
    sku: "GKE-PH-LINTAS-X4-128",
    name: "Lintas X4 Smartphone 6/128 GB",
    description:
      "Last year's 6.5-inch Lintas with a dual camera, 6 GB RAM and 128 GB storage. Discontinued and replaced by the Lintas X5.",
    price: 2_999_000,
    type: "physical",
    category: "ELECTRONIC",
    sellerId: "gadget-kita",
    active: false,
  }),
];

export async function seedDatabase(database: Database): Promise<{ sellers: number; products: number }> {
  await database.transaction(async (tx) => {
    for (const seller of seedSellers) {
      const { id: _id, ...rest } = seller;
      await tx.insert(sellers).values(seller).onConflictDoUpdate({ target: sellers.id, set: rest });
    }
    for (const p of seedProducts) {
      const { slug: _slug, ...rest } = p;
      await tx.insert(products).values(p).onConflictDoUpdate({ target: products.slug, set: rest });
    }
  });
  return { sellers: seedSellers.length, products: seedProducts.length };
}
