/**
 * Runs after every other spec (its own Playwright project, depending on the one that runs them):
 * whatever the suite typed, searched, imported and revealed, neither the audit trail nor the
 * server's log may hold a NIK, a mobile number or an email address in clear. The audit trail is
 * hash-chained and cannot be cleaned afterwards; the log is shipped and kept by operators.
 * Every column of every audit_event row is read, not only `details`.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { findPersonalValues } from "../lib/personal-data.ts";
import { queryE2eDatabase } from "./fixtures/database.ts";
import { e2eServerLogFile } from "./fixtures/e2e-env.ts";

test("the audit trail holds no NIK, mobile number or email in any column", async () => {
  const rows = await queryE2eDatabase<{ id: string; row: string }>(`SELECT id::text, row_to_json(a)::text AS row FROM audit_event a ORDER BY id`);
  expect(rows.length).toBeGreaterThan(0);
  const found = rows.flatMap(({ id, row }) => findPersonalValues(row).map((v) => `event ${id}: ${v.kind} ${v.value}`));
  expect(found.slice(0, 20), `${found.length} personal values in audit_event`).toEqual([]);
});

test("the server's log holds no NIK, mobile number or email", async () => {
  const log = await readFile(e2eServerLogFile(), "utf8");
  expect(log.length).toBeGreaterThan(0);
  const found = findPersonalValues(log).map((v) => `${v.kind} ${v.value}`);
  expect(found.slice(0, 20), `${found.length} personal values in the server log`).toEqual([]);
});
