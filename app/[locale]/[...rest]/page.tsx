// Every path the proxy hands over that no route claims: the language's own not-found page.
import { notFound } from "next/navigation";

export default function UnknownPage(): never {
  notFound();
}
