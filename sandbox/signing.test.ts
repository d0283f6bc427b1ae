// The sandbox must agree with the vectors of docs/doku-api.md on its own, not merely import a
// module that does: these drive the sandbox's request check, response signer and notifier.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { digest, responseComponents, sign, verifySignature } from "../lib/doku/signature";
import { signNotification } from "./notifications";
import { authenticate } from "./request-auth";
import { createSandbox } from "./server";
import { signedJson } from "./signed-response";

const SECRET = "SK-TESTVECTOR-0000000001";
const CLIENT_ID = "MCH-0001-10791114622547";
const vector = (name: string) =>
  readFileSync(new URL(`../tests/fixtures/vectors/${name}`, import.meta.url), "utf8");
const v2Body = vector("v2-body.json");
const v4Body = vector("v4-body.json");

describe("sandbox signing against the DOKU vectors", () => {
  it("V2: accepts the vector generate-order request byte for byte", () => {
    expect(digest(v2Body)).toBe("XDtUCjJBoFFF8v3EZMbzDLZXsdfY/tiL+cry+6FhiJc=");
    const headers = new Headers({
      "Client-Id": CLIENT_ID,
      "Request-Id": "baec7d95-f30a-4b78-b711-6ebe0ccdf50b",
      "Request-Timestamp": "2021-07-07T08:45:42Z",
      Signature: "HMACSHA256=zXmISP7edgzqwJwQSlTrDNrxXQeBcVAGA84w1WU/WpM=",
    });
    const input = {
      headers,
      target: "/kredivo-peer-to-peer/v2/generate-order",
      body: new TextEncoder().encode(v2Body),
      clientId: CLIENT_ID,
      secretKey: SECRET,
      now: new Date("2021-07-07T08:46:00Z"),
    };
    expect(authenticate(input)).toMatchObject({ ok: true });
    // One byte more (a trailing newline) and the same signature no longer matches.
    const tampered = authenticate({ ...input, body: new TextEncoder().encode(`${v2Body}\n`) });
    expect(tampered).toMatchObject({ ok: false, code: "invalid_signature" });
  });

  it("V3: accepts the vector check-status GET (no Digest line)", () => {
    const result = authenticate({
      headers: new Headers({
        "Client-Id": CLIENT_ID,
        "Request-Id": "d895fb53-479c-4f77-a76a-ab81b40d77cb",
        "Request-Timestamp": "2020-08-11T08:45:42Z",
        Signature: "HMACSHA256=6QO+yf+7WBKSriOjARVOuQrSSU0QTNA6LabohwPytLU=",
      }),
      target: "/orders/v1/status/INV-KRD-0001",
      body: null,
      clientId: CLIENT_ID,
      secretKey: SECRET,
      now: new Date("2020-08-11T08:45:42Z"),
    });
    expect(result).toMatchObject({ ok: true });
  });

  it("V4: signs a notification over the merchant's own path", () => {
    expect(digest(v4Body)).toBe("d9T61aeBB8D5gYC86rZwU/XP+6v4FSVzLDubR8k0AyM=");
    const signature = signNotification(
      {
        clientId: CLIENT_ID,
        requestId: "450ec2b0-5631-4876-a3ee-33a93ee39daa",
        timestamp: "2021-07-07T08:50:43Z",
        url: "https://merchant.example/payments/notifications",
        body: v4Body,
      },
      SECRET,
    );
    expect(signature).toBe("HMACSHA256=aym7ExmR29g745mQNS8HMJUrVQ8nFXNihAbBcVgQZDk=");
  });

  it("V5: signs its responses like DOKU", () => {
    const res = signedJson({
      status: 200,
      body: '{"order":{"invoice_number":"INV-KRD-0001","amount":30000}}',
      clientId: CLIENT_ID,
      requestId: "baec7d95-f30a-4b78-b711-6ebe0ccdf50b",
      target: "/kredivo-peer-to-peer/v2/generate-order",
      secretKey: SECRET,
      now: new Date("2021-07-07T08:45:43Z"),
      method: "POST",
      mode: "standard",
    });
    expect(res.headers.get("Response-Timestamp")).toBe("2021-07-07T08:45:43Z");
    expect(res.headers.get("Signature")).toBe(
      "HMACSHA256=CwkHgtLWFC4d9xSMWBh6q6FJxV29V00czkKlYdNG14k=",
    );
  });

  it("plays each reading of DOKU's response signing: a GET answered without Digest, or not signed at all", () => {
    const base = {
      status: 200,
      body: '{"order":{"invoice_number":"INV-KRD-0001","amount":30000}}',
      clientId: CLIENT_ID,
      requestId: "d895fb53-479c-4f77-a76a-ab81b40d77cb",
      target: "/orders/v1/status/INV-KRD-0001",
      secretKey: SECRET,
      now: new Date("2021-07-07T08:45:43Z"),
    };
    const components = (body: string | null) =>
      responseComponents({
        clientId: CLIENT_ID,
        requestId: base.requestId,
        responseTimestamp: "2021-07-07T08:45:43Z",
        requestTarget: base.target,
        body,
      });
    const standard = signedJson({ ...base, method: "GET", mode: "standard" });
    expect(standard.headers.get("Signature")).toBe(sign(components(base.body), SECRET));
    const withoutDigest = signedJson({ ...base, method: "GET", mode: "get-without-digest" });
    expect(withoutDigest.headers.get("Signature")).toBe(sign(components(null), SECRET));
    expect(components(null)).not.toContain("Digest:");
    // A POST's answer keeps its Digest in that mode: DOKU's table limits the exception to GET.
    expect(
      signedJson({ ...base, method: "POST", mode: "get-without-digest" }).headers.get("Signature"),
    ).toBe(sign(components(base.body), SECRET));
    const unsigned = signedJson({ ...base, method: "GET", mode: "unsigned" });
    for (const name of ["Client-Id", "Request-Id", "Response-Timestamp", "Signature"])
      expect(unsigned.headers.get(name), name).toBeNull();
  });

  it("V2 → V3 end to end: the vector requests go through the HTTP routes", async () => {
    let now = new Date("2021-07-07T08:45:50Z");
    const { app, close } = createSandbox({
      clientId: CLIENT_ID,
      secretKey: SECRET,
      now: () => now,
    });
    try {
      const created = await app.request("/kredivo-peer-to-peer/v2/generate-order", {
        method: "POST",
        headers: {
          "Client-Id": CLIENT_ID,
          "Request-Id": "baec7d95-f30a-4b78-b711-6ebe0ccdf50b",
          "Request-Timestamp": "2021-07-07T08:45:42Z",
          Signature: "HMACSHA256=zXmISP7edgzqwJwQSlTrDNrxXQeBcVAGA84w1WU/WpM=",
          "Content-Type": "application/json",
        },
        body: v2Body,
      });
      const text = await created.text();
      expect(created.status).toBe(200);
      expect(JSON.parse(text)).toMatchObject({
        order: { invoice_number: "INV-KRD-0001", amount: 30000 },
      });
      const components = responseComponents({
        clientId: CLIENT_ID,
        requestId: "baec7d95-f30a-4b78-b711-6ebe0ccdf50b",
        responseTimestamp: created.headers.get("Response-Timestamp") ?? "",
        requestTarget: "/kredivo-peer-to-peer/v2/generate-order",
        body: text,
      });
      expect(verifySignature(components, created.headers.get("Signature"), SECRET)).toBe(true);

      now = new Date("2020-08-11T08:46:00Z");
      const status = await app.request("/orders/v1/status/INV-KRD-0001", {
        headers: {
          "Client-Id": CLIENT_ID,
          "Request-Id": "d895fb53-479c-4f77-a76a-ab81b40d77cb",
          "Request-Timestamp": "2020-08-11T08:45:42Z",
          Signature: "HMACSHA256=6QO+yf+7WBKSriOjARVOuQrSSU0QTNA6LabohwPytLU=",
        },
      });
      expect(status.status).toBe(200);
      expect(await status.json()).toMatchObject({
        order: { invoice_number: "INV-KRD-0001" },
        transaction: {
          status: "PENDING",
          original_request_id: "baec7d95-f30a-4b78-b711-6ebe0ccdf50b",
        },
      });
    } finally {
      close();
    }
  });
});
