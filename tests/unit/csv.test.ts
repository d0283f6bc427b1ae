// The export's CSV cells and rows (lib/export/csv.ts): RFC 4180 quoting, the byte order mark, and
// formula injection neutralised for every character a spreadsheet reads as the start of a formula.
import { describe, expect, it } from "vitest";
import { CSV_LINE_END, csvCell, csvRow, UTF8_BOM } from "@/lib/export/csv";

describe("csv cells", () => {
  it("writes plain text and numbers as they are, and nothing for null", () => {
    expect(csvCell("Siti Rahayu")).toBe("Siti Rahayu");
    expect(csvCell(440000)).toBe("440000");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes a comma, a quote and line breaks, doubling the quote (RFC 4180)", () => {
    expect(csvCell("Jl. Malioboro, 12")).toBe('"Jl. Malioboro, 12"');
    expect(csvCell('Toko "Batik"')).toBe('"Toko ""Batik"""');
    expect(csvCell("line\none")).toBe('"line\none"');
    expect(csvCell("line\r\none")).toBe('"line\r\none"');
  });

  it("keeps Indonesian and other non-ASCII text as it is", () => {
    expect(csvCell("Kaos Batik — Ukuran L · ñ")).toBe("Kaos Batik — Ukuran L · ñ");
  });

  it.each([
    ['=HYPERLINK("http://evil.example","Klik")', `"'=HYPERLINK(""http://evil.example"",""Klik"")"`],
    ["+62 812", "'+62 812"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", `"'\r=1+1"`],
  ])("neutralises a text cell starting a formula: %j @faults", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("leaves those characters alone after the first, and numbers unescaped", () => {
    expect(csvCell("Siti=Rahayu")).toBe("Siti=Rahayu");
    expect(csvCell("a-b@c.example")).toBe("a-b@c.example");
    expect(csvCell(15000)).toBe("15000");
  });

  it("writes nothing for a number that is not finite", () => {
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe("");
  });
});

describe("csv rows", () => {
  it("joins cells with commas and ends with CRLF", () => {
    expect(csvRow(["INV-1", "AB12CD34", 100, null, "=1"])).toBe(
      `INV-1,AB12CD34,100,,'=1${CSV_LINE_END}`,
    );
    expect(CSV_LINE_END).toBe("\r\n");
  });

  it("has the UTF-8 byte order mark as its own constant, EF BB BF when encoded", () => {
    expect([...new TextEncoder().encode(UTF8_BOM)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
