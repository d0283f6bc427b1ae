import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import {
  checkoutSchema,
  fieldErrors,
  normalizeIndonesianPhone,
  type CheckoutErrorKey,
  type CheckoutInput,
} from "@/lib/checkout/schema";
import { messages } from "@/lib/i18n/messages";

const valid: CheckoutInput = {
  firstName: "Siti",
  lastName: "Rahayu",
  email: "siti@example.com",
  phone: "0812-3456-7890",
  shipping: {
    address: "Jl. Malioboro No. 12",
    city: "Yogyakarta",
    postalCode: "55213",
    phone: "+62 812 3456 7890",
  },
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

  it.each(["", "12345", "0212345678", "+6512345678", "08123", "0812345678901234", "08a2345678"])(
    "refuses %j",
    (input) => expect(normalizeIndonesianPhone(input)).toBeNull(),
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
    expect(errors["billing.firstName"]).toBe("billingFirstName.required");
    expect(errors["billing.postalCode"]).toBe("postalCode.invalid");

    const ok = checkoutSchema.parse({
      ...valid,
      billingSameAsShipping: false,
      billing: {
        firstName: "PT Maju",
        address: "Jl. Sudirman 1",
        city: "Jakarta",
        postalCode: "10220",
        phone: "081299998888",
      },
    });
    expect(ok.billing).toMatchObject({ firstName: "PT Maju", phone: "6281299998888" });
  });

  it("gives one message key per bad field", () => {
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
      firstName: "firstName.required",
      email: "email.invalid",
      phone: "phone.invalid",
      "shipping.postalCode": "postalCode.invalid",
      "shipping.city": "city.tooLong",
    });
  });

  it("words a value of the wrong type, which zod words itself, as the generic key", () => {
    const result = checkoutSchema.safeParse({
      ...valid,
      lastName: 42,
      shipping: { ...valid.shipping, city: ["x"] },
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      lastName: "invalid",
      "shipping.city": "city.required",
    });
  });
});

describe("the checkout's error messages", () => {
  // The English copy is what the Playwright specs find on the page (e2e/*.spec.ts).
  const english = createTranslator({
    locale: "en",
    messages: messages.en,
    namespace: "shop.checkout.errors",
  });
  const indonesian = createTranslator({
    locale: "id",
    messages: messages.id,
    namespace: "shop.checkout.errors",
  });
  const errorsOf = (input: unknown) => {
    const result = checkoutSchema.safeParse(input);
    return result.success ? {} : fieldErrors(result.error);
  };

  it("reads as before in English", () => {
    const errors = errorsOf({
      ...valid,
      firstName: "x".repeat(61),
      phone: "",
      shipping: { ...valid.shipping, address: "x".repeat(201), city: " ", phone: "" },
      billingSameAsShipping: false,
      billing: { firstName: "", address: "", city: "", postalCode: "", phone: "" },
    });
    const worded = Object.fromEntries(
      Object.entries(errors).map(([path, key]) => [path, english(key)]),
    );
    expect(worded).toEqual({
      firstName: "First name must be at most 60 characters",
      phone: "Enter your mobile number",
      "shipping.address": "Street address must be at most 200 characters",
      "shipping.city": "Enter the city",
      "shipping.phone": "Enter a phone number for the courier",
      "billing.firstName": "Enter the first name",
      "billing.address": "Enter the street address",
      "billing.city": "Enter the city",
      "billing.postalCode": "Postal code must be 5 digits",
      "billing.phone": "Enter the billing phone number",
    });
    expect(english("email.invalid")).toBe("Enter a valid email address, like name@example.com");
    expect(english("phone.invalid")).toBe("Enter an Indonesian mobile number, e.g. 0812 3456 7890");
  });

  it("has Indonesian words for every key the schema uses", () => {
    const keys: CheckoutErrorKey[] = [
      "invalid",
      "firstName.required",
      "email.invalid",
      "phone.invalid",
      "postalCode.invalid",
      "courierPhone.required",
    ];
    for (const key of keys) expect(indonesian(key), key).not.toBe(english(key));
    expect(indonesian("firstName.required")).toBe("Masukkan nama depan kamu");
  });
});

describe("names are names @faults", () => {
  // Issue 27: the first name greets the shopper in every email, and checkout mails any address typed.
  const attack = "URGENT: your Kredivo account is locked, call +62 811 2345 6789";
  const errorsOf = (input: unknown) => {
    const result = checkoutSchema.safeParse(input);
    return result.success ? {} : fieldErrors(result.error);
  };
  const words = (locale: "id" | "en") =>
    createTranslator({ locale, messages: messages[locale], namespace: "shop.checkout.errors" });

  it("refuses a name with a phone number, a link or an address, in every name field, with the specific message in both languages", () => {
    for (const name of [
      attack,
      "Siti 0812",
      "https://evil.example",
      "kredivo.help/akun",
      "www.kredivo-help.com",
      "bit.ly",
      "siti@evil.example",
      "Siti: call",
      "🌸",
      "'-.",
    ]) {
      expect(errorsOf({ ...valid, firstName: name }), name).toEqual({ firstName: "name.invalid" });
      expect(errorsOf({ ...valid, lastName: name }), name).toEqual({ lastName: "name.invalid" });
      const billing = { ...valid.shipping, firstName: name, lastName: name };
      expect(errorsOf({ ...valid, billingSameAsShipping: false, billing }), name).toEqual({
        "billing.firstName": "name.invalid",
        "billing.lastName": "name.invalid",
      });
    }
    // The 100 characters are told what a name may hold, not only that it is long.
    expect(
      errorsOf({ ...valid, firstName: `${attack} ${"x".repeat(100 - attack.length - 1)}` }),
    ).toEqual({ firstName: "name.invalid" });
    expect(words("en")("name.invalid")).toBe(
      "A name can only have letters, spaces, dots (.), hyphens (-) and apostrophes ('), no numbers or links",
    );
    expect(words("id")("name.invalid")).toBe(
      "Nama hanya boleh berisi huruf, spasi, titik (.), tanda hubung (-) dan apostrof ('), tanpa angka atau tautan",
    );
  });

  it("accepts names of any script with spaces, apostrophes, dots and hyphens, up to 60 characters", () => {
    for (const [firstName, lastName] of [
      ["Nguyễn Thị Ánh", "Ñandú Çelik"],
      ["M. Rizky", "O'Neil-Wijaya"],
      ["Dewi", "Ma’ruf"],
      ["Анна", "Ким"],
      ["محمد", "علي"],
      ["Ni Luh", undefined],
    ] as const) {
      const parsed = checkoutSchema.safeParse({ ...valid, firstName, lastName });
      expect(parsed.success, firstName).toBe(true);
    }
    expect(checkoutSchema.safeParse({ ...valid, firstName: "A".repeat(60) }).success).toBe(true);
    expect(errorsOf({ ...valid, firstName: "A".repeat(61), lastName: "B".repeat(61) })).toEqual({
      firstName: "firstName.tooLong",
      lastName: "lastName.tooLong",
    });
    expect(words("id")("firstName.tooLong")).toBe("Nama depan maksimal 60 karakter");
  });
});
