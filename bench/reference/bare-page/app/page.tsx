// A prerendered page about the size of the shop's product page, so that its HTML and its static
// copy cost the server what the shop's would; nothing in it is read per request.
export const dynamic = "force-static";

const items = Array.from({ length: 24 }, (_, i) => ({
  id: i + 1,
  name: `Item ${i + 1}`,
  text: "A hand-made piece from an Indonesian workshop, sold in rupiah and paid later with Kredivo. ".repeat(
    5,
  ),
}));

export default function Page() {
  return (
    <main>
      <h1>Reference page</h1>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <h2>{item.name}</h2>
            <p>{item.text}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
