// Preloaded into `next start` by e2e/bindings.spec.ts (NODE_OPTIONS=--require): counts the HTTP
// requests the process receives ('request' on any http.Server) and the ones it sends itself
// (http/https request and get, fetch), and writes them to REQUEST_COUNT_DIR/<pid>.json after each,
// so the spec can tell a page answered inside the process from one sent back to itself over HTTP.
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (node --require) */
const fs = require("node:fs");
const path = require("node:path");
const http = require("node:http");
const https = require("node:https");

const dir = process.env.REQUEST_COUNT_DIR;
if (dir) {
  const counts = { incoming: [], outgoing: [] };
  const save = () =>
    fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(counts));
  save();

  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, ...args) {
    if (event === "request") {
      counts.incoming.push(`${args[0].method} ${args[0].url}`);
      save();
    }
    return emit.call(this, event, ...args);
  };

  const describe = (input) =>
    typeof input === "string" || input instanceof URL
      ? String(input)
      : `${input && (input.host || input.hostname)}:${input && input.port}${input && input.path}`;
  for (const mod of [http, https]) {
    for (const name of ["request", "get"]) {
      const original = mod[name];
      mod[name] = function (input, ...rest) {
        counts.outgoing.push(`${name} ${describe(input)}`);
        save();
        return original.call(this, input, ...rest);
      };
    }
  }
  const originalFetch = globalThis.fetch;
  globalThis.fetch = function (input, init) {
    counts.outgoing.push(`fetch ${input instanceof Request ? input.url : String(input)}`);
    save();
    return originalFetch.call(this, input, init);
  };
}
