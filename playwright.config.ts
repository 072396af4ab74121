import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { BASE_URL, DEMO_PASSWORD, DEMO_TOTP_SECRET, E2E_PORT, e2eDataDir } from "./e2e/fixtures/e2e-env.ts";

const CI = !!process.env.CI;

// Debian's Chromium (apt-get install chromium) where it exists — our machines and CI cannot
// download Playwright's browsers; elsewhere (`npx playwright install`) Playwright's own.
const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const launchOptions = existsSync(DEBIAN_CHROMIUM)
  ? {
      executablePath: DEBIAN_CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    }
  : {};

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  // Tests create what they need (throwaway users) and never sign out the shared sessions, so
  // they run in any order; 2 workers for our 2-core machines (the server takes the rest).
  fullyParallel: true,
  workers: 2,
  forbidOnly: CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [["list"], ["junit", { outputFile: "reports/playwright.xml" }]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    locale: "id-ID",
    timezoneId: "Asia/Jakarta",
    trace: CI ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/, use: { ...devices["Desktop Chrome"], launchOptions } },
    {
      name: "chromium",
      testMatch: /.*\.spec\.ts/,
      testIgnore: /workers\.spec\.ts/,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    {
      // After the others: its workers are seeded into worker_status, which a match run started by
      // another spec's import rewrites from the partner records (and so empties mid-test).
      name: "workers",
      testMatch: /workers\.spec\.ts/,
      dependencies: ["chromium"],
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    {
      // Last: greps the audit trail and the server log for personal data once every other spec
      // has run (a project runs after the projects it depends on).
      name: "privacy-sweep",
      testMatch: /.*\.final\.ts/,
      dependencies: ["workers"],
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
  ],
  webServer: {
    // The production build (serve.ts builds it when sources changed) with the demo accounts,
    // on a data folder of its own that the wrapper deletes when the server stops.
    command: "node --conditions=react-server --import tsx e2e/fixtures/web-server.ts",
    url: `${BASE_URL}/masuk`,
    // A cold `next build` takes ~10–60 s on our machines; migrations and regions ~5 s more.
    timeout: 300_000,
    // Never talk to a server started for something else: its data folder and passwords differ.
    reuseExistingServer: !CI && process.env.JANGKAU_E2E_REUSE_SERVER === "1",
    // SIGTERM (not Playwright's default SIGKILL) lets serve.ts stop the embedded PostgreSQL.
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    // The build's errors (a failed type check, say) go to stdout: keep them in sight.
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      JANGKAU_DATA_DIR: e2eDataDir(),
      JANGKAU_DEMO_PASSWORD: DEMO_PASSWORD,
      // The demo admin's authenticator, enrolled by the seed; the fixtures compute its codes.
      JANGKAU_DEMO_TOTP_SECRET: DEMO_TOTP_SECRET,
      // A smaller demo data set than `npm run demo`'s: the suite needs rows, not volume.
      JANGKAU_DEMO_ENTITIES: "2000",
      NEXTAUTH_URL: BASE_URL,
      // Empty: always the embedded server, even when the caller's shell points at a real database.
      DATABASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
