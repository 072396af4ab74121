/**
 * Responses are gzip-compressed by the serving layer (scripts/next-server.mjs, in place of Next's
 * own compression) at zlib's fastest level, and still only for a client that asks for it.
 */
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";

function get(url: string, headers: Record<string, string>): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

test("a page goes out gzip-compressed at the fastest level, and plain to a client that accepts no gzip", async ({ baseURL }) => {
  const gzipped = await get(`${baseURL}/masuk`, { "accept-encoding": "gzip, deflate, br" });
  expect(gzipped.headers["content-encoding"]).toBe("gzip");
  expect(gzipped.headers["vary"]).toMatch(/accept-encoding/i);
  // RFC 1952: the header's XFL byte is 4 when the compressor used its fastest algorithm (0 at zlib's default level).
  expect(gzipped.body[8]).toBe(4);
  expect(gunzipSync(gzipped.body).toString()).toContain("Masuk");

  const plain = await get(`${baseURL}/masuk`, { "accept-encoding": "identity" });
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(plain.body.toString()).toContain("Masuk");
});
