// The demo catalogue: three Indonesian small businesses and their products. Deterministic and
// idempotent (upsert by seller id and product slug, in one transaction), free of `server-only`
// so that scripts and tests can use it. Prices are integer rupiah. Stock counts vary so the shop
// shows both plenty and "only 3 left"; the well-stocked ones are what the tests and e2e specs buy.
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

type ProductInput = Omit<SeedProduct, "imagePath" | "active" | "sellerId" | "stock"> & {
  sellerId: SellerId;
  active?: boolean;
  /** Units available to reserve. */
  stock: number;
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
      "Kemeja pria lengan pendek dari batik tulis dengan motif parang klasik warna sogan. Katun primissima, dijahit sesuai pesanan di Yogyakarta.",
    price: 425_000,
    type: "physical",
    category: "FASHION",
    stock: 40,
    sellerId: "batik-sekar-jagad",
  }),
  product({
    slug: "batik-kawung-tote",
    sku: "BSJ-TOTE-KAWUNG",
    name: "Batik Kawung Canvas Tote",
    description:
      "Tas kanvas tebal dengan panel batik cap motif kawung dan tali katun. Muat laptop, pas juga untuk ke pasar.",
    price: 145_000,
    type: "physical",
    category: "FASHION",
    stock: 500,
    sellerId: "batik-sekar-jagad",
  }),
  product({
    slug: "batik-truntum-silk-scarf",
    sku: "BSJ-SCARF-TRUNTUM",
    name: "Batik Truntum Silk Scarf",
    description:
      "Selendang sutra ringan berwarna indigo dengan motif truntum, ujungnya dirapikan dengan rumbai yang digulung tangan.",
    price: 285_000,
    type: "physical",
    category: "FASHION",
    stock: 12,
    sellerId: "batik-sekar-jagad",
  }),
  product({
    slug: "batik-tulis-online-class",
    sku: "BSJ-CLASS-ONLINE",
    name: "Batik Tulis Online Class",
    description:
      "Empat sesi video rekaman belajar membatik dengan canting, dari malam sampai pewarnaan. Tautan akses dikirim lewat email begitu pembayaran lunas.",
    price: 350_000,
    type: "digital",
    category: "DIGITAL",
    digitalDelivery:
      "Empat video kelas (total ±3 jam) di halaman kelas Batik Sekar Jagad: https://kelas.batik-sekar-jagad.example/canting — masuk dengan email yang kamu pakai saat belanja. Akses berlaku 12 bulan.",
    stock: 1000,
    sellerId: "batik-sekar-jagad",
  }),
  product({
    slug: "nada-anc-wireless-headphones",
    sku: "GKE-HP-NADA-ANC",
    name: "Nada ANC Wireless Headphones",
    description:
      "Headphone over-ear Bluetooth 5.3 dengan peredam bising aktif dan baterai 40 jam. Bisa dilipat, praktis dibawa ke kantor.",
    price: 1_250_000,
    type: "physical",
    category: "ELECTRONIC",
    stock: 25,
    sellerId: "gadget-kita",
  }),
  product({
    slug: "lintas-x5-smartphone",
    sku: "GKE-PH-LINTAS-X5-256",
    name: "Lintas X5 Smartphone 8/256 GB",
    description:
      "Smartphone AMOLED 6,7 inci dengan tiga kamera 50 MP, RAM 8 GB dan memori 256 GB. Garansi resmi satu tahun.",
    price: 4_499_000,
    type: "physical",
    category: "ELECTRONIC",
    stock: 3,
    sellerId: "gadget-kita",
  }),
  product({
    slug: "ketik-75-mechanical-keyboard",
    sku: "GKE-KB-KETIK-75",
    name: "Ketik 75% Mechanical Keyboard",
    description:
      "Keyboard mekanikal 75% yang ringkas dengan switch tactile hot-swap dan keycap PBT. Tersambung lewat USB-C, Bluetooth atau 2,4 GHz.",
    price: 899_000,
    type: "physical",
    category: "ELECTRONIC",
    stock: 8,
    sellerId: "gadget-kita",
  }),
  product({
    slug: "java-preanger-arabica-250g",
    sku: "KLM-BEAN-PREANGER-250",
    name: "Java Preanger Arabica Beans 250 g",
    description:
      "Arabika proses washed dari lereng Gunung Malabar, disangrai medium di Bandung. Rasa gula merah, kulit jeruk dan melati.",
    price: 95_000,
    type: "physical",
    category: "FOOD",
    stock: 500,
    sellerId: "kopi-lereng-malabar",
  }),
  product({
    slug: "kopi-gula-aren-drip-bags",
    sku: "KLM-DRIP-ARENGULA-10",
    name: "Palm Sugar Drip Bag Coffee (10 pack)",
    description:
      "Sepuluh drip bag house blend kami, masing-masing dengan sachet gula aren. Gantung di cangkir, tuang air panas, siap diminum.",
    price: 45_000,
    type: "physical",
    category: "FOOD",
    stock: 300,
    sellerId: "kopi-lereng-malabar",
  }),
  product({
    slug: "home-brewing-guide-ebook",
    sku: "KLM-EBOOK-HOMEBREW",
    name: "Home Brewing Guide (e-book)",
    description:
      "Panduan PDF bergambar 120 halaman untuk menyeduh pour-over, AeroPress dan kopi tubruk di rumah, dengan resep untuk biji kopi Indonesia. Tautan unduh dikirim lewat email begitu pembayaran lunas.",
    price: 79_000,
    type: "digital",
    category: "DIGITAL",
    digitalDelivery:
      "E-book PDF (120 halaman, 18 MB) untuk diunduh di https://kopi-lereng-malabar.example/unduh/panduan-seduh — masukkan email yang kamu pakai saat belanja. Tautan bisa dipakai 5 kali.",
    stock: 1000,
    sellerId: "kopi-lereng-malabar",
  }),
  // Discontinued: kept so that carts and checkout can be shown to refuse inactive products.
  product({
    slug: "lintas-x4-smartphone",
    sku: "GKE-PH-LINTAS-X4-128",
    name: "Lintas X4 Smartphone 6/128 GB",
    description:
      "Lintas 6,5 inci keluaran tahun lalu dengan kamera ganda, RAM 6 GB dan memori 128 GB. Sudah tidak dijual, digantikan Lintas X5.",
    price: 2_999_000,
    type: "physical",
    category: "ELECTRONIC",
    stock: 0,
    sellerId: "gadget-kita",
    active: false,
  }),
];

export async function seedDatabase(
  database: Database,
): Promise<{ sellers: number; products: number }> {
  await database.transaction(async (tx) => {
    for (const seller of seedSellers) {
      const { id: _id, ...rest } = seller;
      await tx.insert(sellers).values(seller).onConflictDoUpdate({ target: sellers.id, set: rest });
    }
    // Seeding again restores the seeded stock counts (a demo reset, not a stocktake: units unpaid
    // orders hold come back on top when released); `npm run stock` sets one product's count.
    for (const p of seedProducts) {
      const { slug: _slug, ...rest } = p;
      await tx.insert(products).values(p).onConflictDoUpdate({ target: products.slug, set: rest });
    }
  });
  return { sellers: seedSellers.length, products: seedProducts.length };
}
