import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkResponseSignature } from "@/lib/doku/response-signature";
import { paymentExpiry } from "@/lib/doku/schemas";
import {
  digest,
  dokuTimestamp,
  requestComponents,
  responseComponents,
  sign,
  signRequest,
  signResponse,
  verifySignature,
} from "@/lib/doku/signature";

// The vectors of docs/doku-api.md, bodies copied byte for byte into tests/fixtures/vectors.
const SECRET = "SK-TESTVECTOR-0000000001";
const CLIENT_ID = "MCH-0001-10791114622547";
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/vectors/${name}`, import.meta.url), "utf8");
const v2Body = fixture("v2-body.json");
const v4Body = fixture("v4-body.json");

describe("DOKU signature vectors", () => {
  it("fixtures are the exact compact bytes (no trailing newline)", () => {
    expect(v2Body.endsWith("}")).toBe(true);
    expect(v4Body.endsWith("}")).toBe(true);
  });

  it("V2 generate-order: digest and signature", () => {
    expect(digest(v2Body)).toBe("XDtUCjJBoFFF8v3EZMbzDLZXsdfY/tiL+cry+6FhiJc=");
    const signature = signRequest(
      {
        clientId: CLIENT_ID,
        requestId: "baec7d95-f30a-4b78-b711-6ebe0ccdf50b",
        requestTimestamp: "2021-07-07T08:45:42Z",
        requestTarget: "/kredivo-peer-to-peer/v2/generate-order",
        body: v2Body,
      },
      SECRET,
    );
    expect(signature).toBe("HMACSHA256=zXmISP7edgzqwJwQSlTrDNrxXQeBcVAGA84w1WU/WpM=");
  });

  it("V2 digests bytes, so a Buffer of the body gives the same digest", () => {
    expect(digest(Buffer.from(v2Body, "utf8"))).toBe(digest(v2Body));
  });

  it("V3 check status (GET): four lines, no Digest", () => {
    const components = requestComponents({
      clientId: CLIENT_ID,
      requestId: "d895fb53-479c-4f77-a76a-ab81b40d77cb",
      requestTimestamp: "2020-08-11T08:45:42Z",
      requestTarget: "/orders/v1/status/INV-KRD-0001",
    });
    expect(components.split("\n")).toHaveLength(4);
    expect(components).not.toContain("Digest:");
    expect(sign(components, SECRET)).toBe(
      "HMACSHA256=6QO+yf+7WBKSriOjARVOuQrSSU0QTNA6LabohwPytLU=",
    );
  });

  it("V4 notification: Request-Target is the merchant's own path", () => {
    expect(digest(v4Body)).toBe("d9T61aeBB8D5gYC86rZwU/XP+6v4FSVzLDubR8k0AyM=");
    const signature = signRequest(
      {
        clientId: CLIENT_ID,
        requestId: "450ec2b0-5631-4876-a3ee-33a93ee39daa",
        requestTimestamp: "2021-07-07T08:50:43Z",
        requestTarget: "/payments/notifications",
        body: v4Body,
      },
      SECRET,
    );
    expect(signature).toBe("HMACSHA256=aym7ExmR29g745mQNS8HMJUrVQ8nFXNihAbBcVgQZDk=");
  });

  it("V5 response: Response-Timestamp on the third line", () => {
    const components = {
      clientId: CLIENT_ID,
      requestId: "baec7d95-f30a-4b78-b711-6ebe0ccdf50b",
      responseTimestamp: "2021-07-07T08:45:43Z",
      requestTarget: "/kredivo-peer-to-peer/v2/generate-order",
      body: '{"order":{"invoice_number":"INV-KRD-0001","amount":30000}}',
    };
    expect(responseComponents(components).split("\n")[2]).toBe(
      "Response-Timestamp:2021-07-07T08:45:43Z",
    );
    expect(signResponse(components, SECRET)).toBe(
      "HMACSHA256=CwkHgtLWFC4d9xSMWBh6q6FJxV29V00czkKlYdNG14k=",
    );
  });
});

describe("verifySignature", () => {
  const components = requestComponents({
    clientId: CLIENT_ID,
    requestId: "450ec2b0-5631-4876-a3ee-33a93ee39daa",
    requestTimestamp: "2021-07-07T08:50:43Z",
    requestTarget: "/payments/notifications",
    body: v4Body,
  });
  const good = "HMACSHA256=aym7ExmR29g745mQNS8HMJUrVQ8nFXNihAbBcVgQZDk=";

  it("accepts the vector signature", () => {
    expect(verifySignature(components, good, SECRET)).toBe(true);
  });

  it("rejects a missing, truncated, altered or wrong-key signature", () => {
    expect(verifySignature(components, undefined, SECRET)).toBe(false);
    expect(verifySignature(components, "", SECRET)).toBe(false);
    expect(verifySignature(components, good.slice(0, -2), SECRET)).toBe(false);
    expect(verifySignature(components, good.replace("aym7", "aym8"), SECRET)).toBe(false);
    expect(verifySignature(components, good, "SK-OTHER")).toBe(false);
  });

  it("rejects the signature once a single body byte changes", () => {
    const tampered = requestComponents({
      clientId: CLIENT_ID,
      requestId: "450ec2b0-5631-4876-a3ee-33a93ee39daa",
      requestTimestamp: "2021-07-07T08:50:43Z",
      requestTarget: "/payments/notifications",
      body: v4Body.replace("30000", "30001"),
    });
    expect(verifySignature(tampered, good, SECRET)).toBe(false);
  });
});

describe("dokuTimestamp", () => {
  it("is UTC at second precision with Z", () => {
    expect(dokuTimestamp(new Date("2021-07-07T15:45:42.789+07:00"))).toBe("2021-07-07T08:45:42Z");
  });
});

describe("checkResponseSignature", () => {
  const secretKey = "SK-TESTVECTOR-0000000001";
  const body = '{"order":{"invoice_number":"INV-KRD-0001","amount":30000}}';
  const sent = {
    clientId: "MCH-0001-10791114622547",
    requestId: "baec7d95-f30a-4b78-b711-6ebe0ccdf50b",
  };
  const headers = (extra: Record<string, string> = {}) =>
    new Headers({
      "Client-Id": sent.clientId,
      "Request-Id": sent.requestId,
      "Response-Timestamp": "2021-07-07T08:45:43Z",
      ...extra,
    });
  const check = (
    h: Headers,
    method: "GET" | "POST" = "POST",
    path = "/kredivo-peer-to-peer/v2/generate-order",
  ) => checkResponseSignature({ method, path, body, headers: h, sent, secretKey });

  it("V5 verifies with the Digest line; a POST's answer is never accepted without it", () => {
    expect(
      check(headers({ Signature: "HMACSHA256=CwkHgtLWFC4d9xSMWBh6q6FJxV29V00czkKlYdNG14k=" })),
    ).toMatchObject({ valid: true, variant: "with_digest" });
    const withoutDigest = sign(
      responseComponents({
        ...sent,
        responseTimestamp: "2021-07-07T08:45:43Z",
        requestTarget: "/kredivo-peer-to-peer/v2/generate-order",
        body: null,
      }),
      secretKey,
    );
    expect(check(headers({ Signature: withoutDigest }))).toMatchObject({
      valid: false,
      tried: [expect.stringContaining("Digest:")],
    });
    expect(
      check(
        headers({ Signature: withoutDigest }),
        "GET",
        "/kredivo-peer-to-peer/v2/generate-order",
      ),
    ).toMatchObject({ valid: true, variant: "without_digest" });
  });

  it("refuses an answer that names another Client-Id or Request-Id, and says so", () => {
    const signature = "HMACSHA256=CwkHgtLWFC4d9xSMWBh6q6FJxV29V00czkKlYdNG14k=";
    expect(check(headers({ Signature: signature, "Client-Id": "MCH-SOMEONE-ELSE" })).problem).toBe(
      "the response's Client-Id MCH-SOMEONE-ELSE is not ours (MCH-0001-10791114622547)",
    );
    expect(check(headers({ Signature: signature, "Request-Id": "another" })).problem).toMatch(
      /^the response's Request-Id another is not the one we sent/,
    );
    // Absent echo headers: our own values are used (DOKU's pages say it returns them, not that it must).
    const bare = new Headers({
      "Response-Timestamp": "2021-07-07T08:45:43Z",
      Signature: signature,
    });
    expect(check(bare)).toMatchObject({
      valid: true,
      headers: { "Client-Id": false, "Request-Id": false },
    });
  });
});

describe("paymentExpiry (DOKU's two ways of writing the expiry)", () => {
  it("reads expired_date as Jakarta time first, and _utc only without it", () => {
    // DOKU's sample: expired_date 20220329120315 and expired_date_utc with the same clock time and a Z.
    expect(
      paymentExpiry({
        expired_date: "20220329120315",
        expired_date_utc: "2022-03-29T12:03:15Z",
      })!.toISOString(),
    ).toBe("2022-03-29T05:03:15.000Z");
    expect(paymentExpiry({ expired_date_utc: "20220329120315" })!.toISOString()).toBe(
      "2022-03-29T05:03:15.000Z",
    );
    expect(
      paymentExpiry({
        expired_date: null,
        expired_date_utc: "2022-03-29T05:03:15Z",
      })!.toISOString(),
    ).toBe("2022-03-29T05:03:15.000Z");
    expect(paymentExpiry({ expired_date: "tomorrow" })).toBeNull();
    expect(paymentExpiry(null)).toBeNull();
    expect(paymentExpiry({ expired_date: "20221399999999" })).toBeNull();
  });
});
