import { describe, expect, it } from "vitest";
import { checkoutSchema, fieldErrors, normalizeIndonesianPhone, type CheckoutInput } from "@/lib/checkout/schema";

const valid: CheckoutInput = {
  firstName: "Siti",
  lastName: "Rahayu",
  email: "siti@example.com",
  phone: "0812-3456-7890",
  shipping: { address: "Jl. Malioboro No. 12", city: "Yogyakarta", postalCode: "55213", phone: "+62 812 3456 7890" },
  billingSameAsShipping: true,
  billing: { address: "", city: "", postalCode: "", phone: "", firstName: "" },
};

describe("normalizeIndonesianPhone", () => {
  it.each([
    ["081234567890", "6281234567890"],
    ["+6281234567890", "6281234567890"],
    ["6281234567890", "6281234567890"],
    ["0812 3456-7890", "6281234567890"],
  ])("%s → %s", (input, expected) => expect(normalizeIndonesianPhone(input)).toBe(expected));

  it.each(["", "12345", "0212345678", "+6512345678", "08123", "0812345678901234", "08a2345678"])("refuses %j", (input) =>
    expect(normalizeIndonesianPhone(input)).toBeNull(),
  );
});

describe("checkoutSchema", () => {
  it("accepts a valid checkout and normalises phones; ignores hidden billing fields", () => {
    const parsed = checkoutSchema.parse(valid);
    expect(parsed.phone).toBe("6281234567890");
    expect(parsed.shipping.phone).toBe("6281234567890");
    expect(parsed.billing).toBeUndefined();
  });

  it("requires and validates a separate billing address only when asked for", () => {
    const result = checkoutSchema.safeParse({ ...valid, billingSameAsShipping: false });
    expect(result.success).toBe(false);
    if (result.success) return;
    const errors = fieldErrors(result.error);
    expect(errors["billing.firstName"]).toBe("Enter the first name");
    expect(errors["billing.postalCode"]).toBe("Postal code must be 5 digits");

    const ok = checkoutSchema.parse({
      ...valid,
      billingSameAsShipping: false,
      billing: { firstName: "PT Maju", address: "Jl. Sudirman 1", city: "Jakarta", postalCode: "10220", phone: "081299998888" },
    });
    expect(ok.billing).toMatchObject({ firstName: "PT Maju", phone: "6281299998888" });
  });

  it("gives one plain message per bad field", () => {
    const result = checkoutSchema.safeParse({
      ...valid,
      firstName: "  ",
      email: "not-an-email",
      phone: "12345",
      shipping: { ...valid.shipping, postalCode: "5521", city: "x".repeat(101) },
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      firstName: "Enter your first name",
      email: "Enter a valid email address, like name@example.com",
      phone: "Enter an Indonesian mobile number, e.g. 0812 3456 7890",
      "shipping.postalCode": "Postal code must be 5 digits",
      "shipping.city": "City must be at most 100 characters",
    });
  });
});
