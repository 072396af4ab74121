/**
 * Tinjauan Pencocokan shows one pair per pair of businesses: a business known to Kemnaker and to
 * BPJS that meets a grey-zone AHU record through both of its records is one decision, not two;
 * and a field only one record fills is never "Sama". The rows are written straight into the e2e
 * database (a business of two records, another of one, two reviews), under a name no other test
 * uses, as registered businesses so no lead list changes.
 */
import { createHash, randomInt, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./fixtures/axe.ts";
import { writeE2eDatabase } from "./fixtures/database.ts";
import { authFile } from "./fixtures/e2e-env.ts";

const STEM = `Vel${Array.from({ length: 5 }, () => "bdfgklmnprstv"[randomInt(13)]).join("")}o`;

test.use({ storageState: authFile("supervisor") });

test.beforeAll(async () => {
  await writeE2eDatabase(7_431_001, async (client) => {
    const batch = randomUUID();
    await client.query(
      `INSERT INTO import_batch (id, source, period, channel, file_sha256, file_size, data_rows, accepted, rejected, duplicates, warnings, actor_username)
       VALUES ($1, 'kemnaker-bu', '2025-S2', 'CLI', $2, 0, 3, 3, 0, 0, 0, 'e2e')`,
      [batch, createHash("sha256").update(batch).digest("hex")],
    );
    const record = async (source: string, name: string, phone: string | null) =>
      (
        await client.query<{ id: string }>(
          `INSERT INTO source_record (batch_id, source, line, name, phone, province_code, regency_code, district_code, raw)
           VALUES ($1, $2, 1, $3, $4, '32', '32.73', '32.73.01', '{}') RETURNING id::text`,
          [batch, source, name, phone],
        )
      ).rows[0]!.id;
    // Matched businesses carry ids derived from their records, at or above 2^48: a lower one reads
    // as a database numbered before that rule and makes the next match run a full one.
    const business = async (name: string) =>
      (
        await client.query<{ id: string }>(
          `INSERT INTO business (id, name, name_core, status, is_lead, priority, sources, latest_period, record_count, match_run_id, province_code, regency_code)
           VALUES ((1::bigint << 48) + nextval('business_id_seq'), $1, upper($1), 'TERDAFTAR_AKTIF', false, 0, ARRAY['kemnaker-bu'], '2025-S2', 1, 0, '32', '32.73')
           RETURNING id::text`,
          [name],
        )
      ).rows[0]!.id;
    const kemnaker = await record("kemnaker-bu", `PT ${STEM} Kelindra Abadi`, "022-7201234");
    const bpjs = await record("bpjs-bu", `PT ${STEM} Kelindra Abadi`, "022-7201234");
    const ahu = await record("ahu-entitas", `PT ${STEM} Kelindro Abadi`, null);
    const one = await business(`PT ${STEM} Kelindra Abadi`);
    const other = await business(`PT ${STEM} Kelindro Abadi`);
    for (const [id, businessId, source] of [[kemnaker, one, "kemnaker-bu"], [bpjs, one, "bpjs-bu"], [ahu, other, "ahu-entitas"]] as const) {
      await client.query(`INSERT INTO business_record (source_record_id, business_id, source, fingerprint, rule) VALUES ($1, $2, $3, $4, 'dasar')`, [
        id,
        businessId,
        source,
        `e2e/${STEM}/${id}`,
      ]);
    }
    // The matcher found the phones agreeing: one side has none, so there is nothing to agree on.
    for (const [left, score] of [[kemnaker, 0.94], [bpjs, 0.93]] as const) {
      await client.query(
        `INSERT INTO match_review (left_fingerprint, right_fingerprint, left_record_id, right_record_id, regency_code, score, evidence)
         VALUES ($1, $2, $3, $4, '32.73', $5, $6)`,
        [`e2e/${STEM}/${left}`, `e2e/${STEM}/${ahu}`, left, ahu, score, JSON.stringify({ nameSimilarity: 0.93, agree: ["telepon"], disagree: [] })],
      );
    }
  });
});

test("one pair per pair of businesses, and no Sama where one side is empty", async ({ page }) => {
  await page.goto("/tinjauan");
  const pairs = page.getByRole("article", { name: new RegExp(STEM) });
  await expect(pairs).toHaveCount(1);
  // The stronger of the two record pairs stands for both.
  await expect(pairs).toContainText("94");
  const phone = pairs.getByRole("table").getByRole("row", { name: /^Telepon/ });
  await expect(phone).toContainText("022-7201234");
  await expect(phone).not.toContainText("Sama");
  await expectNoAxeViolations(page);
});
