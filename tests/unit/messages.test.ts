// The two languages say the same things: every key in one is in the other (tsc already fails on
// a key missing in English; this also catches one English has and Indonesian lacks), with the same
// placeholders, and no message is empty or left untranslated by mistake.
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { messages } from "@/lib/i18n/messages";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** `{name}`, `{count, plural, …}`, `<b>…</b>` → `name`, `count`, `b`: what a message takes. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if ("value" in el && typeof el.value === "string" && el.type !== TYPE.literal)
        names.add(el.value);
      if ("options" in el) for (const option of Object.values(el.options)) walk(option.value);
      if ("children" in el) walk(el.children);
    }
  };
  walk(parse(message, { ignoreTag: false }));
  return [...names].sort();
}

const id = flatten(messages.id as unknown as Tree);
const en = flatten(messages.en as unknown as Tree);

describe("messages", () => {
  it("have the same keys in Indonesian and English", () => {
    expect([...en.keys()].sort()).toEqual([...id.keys()].sort());
  });

  it("take the same placeholders in both languages", () => {
    const differing = [...id].filter(
      ([key, text]) => placeholders(text).join() !== placeholders(en.get(key) ?? "").join(),
    );
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it("are never empty", () => {
    expect([...id, ...en].filter(([, text]) => text.trim() === "").map(([key]) => key)).toEqual([]);
  });

  it("are Indonesian in Indonesian: few messages read the same in both languages", () => {
    // Names, codes and words Indonesian uses as they are (Kredivo, DOKU, Email, Total) may match.
    const same = [...id].filter(([key, text]) => en.get(key) === text && /[a-z]{4,}/.test(text));
    expect(same.length / id.size).toBeLessThan(0.15);
  });
});
