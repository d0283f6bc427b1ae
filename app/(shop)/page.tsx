export default function HomePage() {
  return (
    <section className="space-y-3">
      <h1 className="text-3xl font-bold tracking-tight">Toko Nusantara</h1>
      <p className="max-w-prose text-stone-600">
        Batik, coffee and gadgets from independent Indonesian sellers. Check out now, pay later with Kredivo.
      </p>
    </section>
  );
}
