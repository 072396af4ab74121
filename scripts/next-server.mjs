/**
 * The production HTTP server that scripts/serve.ts starts in place of `next start`: the same
 * Next.js app, behind a listener that does two things Next cannot do for us.
 *
 * - It records who is really connected. Next only fills in X-Forwarded-For when a client sent
 *   none, and route handlers and server components never see the socket, so without this any
 *   client could name its own address in the audit trail and in per-address throttles.
 * - It turns away malformed requests before Next sees them: a path that is not valid
 *   percent-encoded UTF-8 or that holds a NUL byte, and a Next-Router-State-Tree header that
 *   does not parse. Next answers those with a 500 (or passes the NUL on to PostgreSQL, which
 *   refuses it); they are routed instead to the app's refusal handler, which audits them and
 *   answers 400.
 *
 * With JANGKAU_WEB_PROCESSES above 1 it also runs that many copies of the app on the one port
 * (node:cluster hands each connection to the next process): one Node process renders one page at
 * a time, so on a machine with more cores than one the pages of many users otherwise queue
 * behind each other and behind a long export on a single event loop. The copies share nothing in
 * memory that matters — sessions, rate limits and jobs live in PostgreSQL — so they are the
 * stateless instances a load balancer would spread over machines, on one machine.
 *
 * Headers starting with `x-jangkau-` are ours: whatever a client sent under those names is
 * removed first, so the app may trust them. Plain JavaScript, without the react-server
 * condition: Next loads its own React per layer.
 */
import cluster from "node:cluster";
import { createRequire } from "node:module";
import http from "node:http";
import path from "node:path";
import next from "next";

const require = createRequire(import.meta.url);
// Next's own response compression, the same middleware, applied here instead (next.config.ts
// turns Next's off) for one setting Next does not expose: zlib's fastest level. At its default
// (6) gzip cost a lead-list page ~2 ms of this process's CPU, at level 1 about half that, for
// ~10 % more bytes on the wire; a page's CPU decides how many users two cores serve.
const compression = require("next/dist/compiled/compression");
const { releaseCompressionStream } = require("next/dist/server/lib/release-compression-stream.js");
const compress = compression({ level: 1 });
// Next's own check of the header (pinned Next version), so "malformed" means what Next means.
const { parseAndValidateFlightRouterState } = require("next/dist/server/app-render/parse-and-validate-flight-router-state.js");

// These names are shared with server/http/client-address.ts and server/http/refuse-malformed-request.ts.
const OWN_HEADER_PREFIX = "x-jangkau-";
const PEER_ADDRESS_HEADER = "x-jangkau-peer";
const MALFORMED_REASON_HEADER = "x-jangkau-malformed";
const MALFORMED_PATH_HEADER = "x-jangkau-malformed-path";
const MALFORMED_ROUTE = "/api/permintaan-cacat";
/** Headers that make Next treat a request as a router or action call: meaningless on the refusal. */
const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];

/** Why a request cannot be served, or null. */
function malformation(request) {
  const rawPath = (request.url ?? "/").split("?", 1)[0];
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return "path_encoding";
  }
  if (decoded.includes("\0")) return "path_nul";
  const state = request.headers["next-router-state-tree"];
  if (state !== undefined) {
    try {
      parseAndValidateFlightRouterState(state);
    } catch {
      return "router_state";
    }
  }
  return null;
}

/**
 * The path for the audit record: no query string (it may carry a search for a person), every
 * byte outside printable ASCII percent-encoded (a NUL or a raw byte stays visible but inert),
 * at most 200 characters.
 */
function printablePath(url) {
  const [rawPath, query] = (url ?? "/").split(/\?(.*)/s, 2);
  let text = "";
  for (const char of rawPath) {
    const code = char.codePointAt(0);
    text += code > 0x20 && code < 0x7f ? char : Buffer.from(char, "latin1").toString("hex").replace(/../g, "%$&").toUpperCase();
  }
  return (text.length > 200 ? `${text.slice(0, 199)}…` : text) + (query !== undefined ? "?…" : "");
}

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT || 3000);
// Validated with every other setting by scripts/serve.ts before this starts (server/config.ts).
const processes = Number(process.env.JANGKAU_WEB_PROCESSES || 1);

if (cluster.isPrimary && processes > 1) await superviseProcesses();
else await serve();

/** One copy of the app: Next behind the listener described above. */
async function serve() {
  // Every interface, as `next start` listens (not $HOSTNAME: containers set it to their own name),
  // unless JANGKAU_HOST names one (the benchmarks bind loopback only).
  const host = process.env.JANGKAU_HOST || undefined;
  const app = next({ dev: false, dir: root, port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = http.createServer((request, response) => {
    for (const name of Object.keys(request.headers)) if (name.startsWith(OWN_HEADER_PREFIX)) delete request.headers[name];
    request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
    const reason = malformation(request);
    if (reason !== null) {
      request.headers[MALFORMED_REASON_HEADER] = reason;
      request.headers[MALFORMED_PATH_HEADER] = printablePath(request.url);
      for (const name of ROUTER_HEADERS) delete request.headers[name];
      request.url = MALFORMED_ROUTE;
    }
    compress(request, response, () => {});
    // As Next does: a client that disconnects mid-response would leave the zlib stream open.
    response.once("close", () => {
      if (!response.writableFinished) releaseCompressionStream(response);
    });
    void handle(request, response);
  });
  server.listen(port, host, () => {
    if (cluster.isWorker) process.send?.({ listening: true });
    else console.log(`[jangkau] Siap di http://localhost:${port}`);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => server.close(() => process.exit(0)));
  }
}

/**
 * The primary of several copies: starts the first alone — it migrates the database and seeds the
 * demo data — and the others once it listens, with the demo seeding off (it is done). A copy that
 * dies is started again; a stop signal is passed to every copy and ends this process once all
 * have exited.
 */
async function superviseProcesses() {
  let stopping = false;
  let ready = 0;
  const fork = (first) => {
    const worker = cluster.fork(first ? {} : { JANGKAU_DEMO: "" });
    worker.on("message", (message) => {
      if (message?.listening !== true) return;
      if (first) for (let i = 1; i < processes; i++) fork(false);
      if (++ready === processes) console.log(`[jangkau] Siap di http://localhost:${port} (${processes} proses web)`);
    });
    worker.on("exit", (code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
        return;
      }
      // A copy that never came up (a bad setting, a database that refuses) fails the start, as a
      // single process would: starting it again would only repeat the error.
      if (ready === 0) {
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
        process.exit(code || 1);
      }
      // One dead copy must not take the others down: its requests failed, the next ones go to
      // the copies still running until it is back.
      console.error(`[jangkau] Proses web ${worker.process.pid} berhenti (kode ${code ?? "-"}, sinyal ${signal ?? "-"}); dimulai ulang.`);
      setTimeout(() => stopping || fork(false), 1000);
    });
  };
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      if (workers.length === 0) process.exit(0);
      for (const worker of workers) worker?.process.kill(signal);
    });
  }
  fork(true);
}
