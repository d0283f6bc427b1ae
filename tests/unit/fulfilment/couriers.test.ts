// The couriers' tracking-number rules and links, and the ship form's per-field messages. Pure.
import { describe, expect, it } from "vitest";
import {
  courierCodes,
  courierName,
  normaliseTrackingNumber,
  trackingLink,
  trackingNumberFits,
} from "@/lib/fulfilment/couriers";
import { shipFieldErrors, shipSchema } from "@/lib/fulfilment/ship-schema";

const parse = (fields: Record<string, string>) =>
  shipSchema.safeParse({ orderId: "1", parcelId: "2", ...fields });
const errorsOf = (fields: Record<string, string>) => {
  const parsed = parse(fields);
  return parsed.success ? {} : shipFieldErrors(parsed.error);
};

describe("tracking numbers", () => {
  it("are trimmed, upper-cased and inner spaces made one", () => {
    expect(normaliseTrackingNumber("  jp 1234   567890\t")).toBe("JP 1234 567890");
  });

  it("accept numbers shaped like real ones, per courier", () => {
    const real: [string, string][] = [
      ["jne", "CGK1234567890"],
      ["jne", "0123456789012345"],
      ["jnt", "JP1234567890"],
      ["jnt", "001234567890"],
      ["sicepat", "000123456789"],
      ["anteraja", "10000123456789"],
      ["pos", "P2203010123456"],
      ["pos", "RR123456789ID"],
      ["ninja", "NLIDAP0012345678"],
      ["lion", "19LP1234567890123"],
      ["idexpress", "IDS0123456789"],
      ["sap", "SAP1234567890"],
      ["gosend", "GK-11-1234567"],
      ["grabexpress", "IOS-12345678-ABC"],
      ["other", "ABC/2026-001"],
    ];
    for (const [code, number] of real) {
      expect([code, number, trackingNumberFits(code as never, number)]).toEqual([
        code,
        number,
        true,
      ]);
    }
  });

  it("refuse numbers of the wrong shape for the courier", () => {
    expect(trackingNumberFits("sicepat", "JP1234567890")).toBe(false);
    expect(trackingNumberFits("anteraja", "ABC")).toBe(false);
    expect(trackingNumberFits("jne", "CGK-123")).toBe(false);
    expect(trackingNumberFits("other", "<script>")).toBe(false);
    expect(trackingNumberFits("other", "AB")).toBe(false);
  });
});

describe("tracking links", () => {
  it("every listed courier links an https page; Ninja Xpress's carries the number", () => {
    for (const code of courierCodes.filter((c) => c !== "other")) {
      const link = trackingLink(code, "X1", null);
      expect(link?.url.startsWith("https://"), code).toBe(true);
    }
    expect(trackingLink("ninja", "NV 1", null)).toEqual({
      url: "https://www.ninjaxpress.co/id-id/tracking?id=NV%201",
      perNumber: true,
    });
  });

  it("another courier links the https page staff gave, never anything else", () => {
    expect(trackingLink("other", "A1", "https://track.kurir.example/a1")?.url).toBe(
      "https://track.kurir.example/a1",
    );
    expect(trackingLink("other", "A1", "javascript:alert(1)")).toBeNull();
    expect(trackingLink("other", "A1", "http://track.kurir.example")).toBeNull();
    expect(trackingLink("unknown", "A1", null)).toBeNull();
    expect(courierName("other", "https://track.kurir.example/a1")).toBe("track.kurir.example");
    expect(courierName("jnt", null)).toBe("J&T Express");
  });
});

describe("the ship form", () => {
  it("keeps the normalised number, and a URL only for another courier", () => {
    const parsed = parse({
      courier: "jne",
      trackingNumber: " cgk123456789 ",
      trackingUrl: "https://x.example",
    });
    expect(parsed.success && parsed.data).toMatchObject({
      courier: "jne",
      trackingNumber: "CGK123456789",
      trackingUrl: null,
    });
  });

  it("says what is wrong, field by field", () => {
    expect(errorsOf({ courier: "", trackingNumber: "" })).toEqual({
      courier: "courier.required",
      trackingNumber: "trackingNumber.required",
    });
    expect(errorsOf({ courier: "sicepat", trackingNumber: "JP1234567890" })).toEqual({
      trackingNumber: "trackingNumber.shape",
    });
    expect(errorsOf({ courier: "other", trackingNumber: "A<1>" })).toEqual({
      trackingNumber: "trackingNumber.characters",
      trackingUrl: "trackingUrl.required",
    });
    expect(
      errorsOf({ courier: "other", trackingNumber: "A123", trackingUrl: "http://x.example" }),
    ).toEqual({ trackingUrl: "trackingUrl.https" });
    expect(errorsOf({ courier: "jne", trackingNumber: "1".repeat(65) })).toEqual({
      trackingNumber: "trackingNumber.tooLong",
    });
  });
});
