import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { SOURCE_IDS } from "@/lib/sources.ts";
import { cliActor } from "@/server/audit/system-actor.ts";
import { DomainError } from "@/server/errors.ts";
import { createSftpEndpoint } from "@/server/sftp/create-sftp-endpoint.ts";
import { findSftpEndpointByName, listSftpEndpoints } from "@/server/sftp/list-sftp-endpoints.ts";
import { enqueueMatchAfterImport } from "@/server/matching/enqueue-match-run.ts";
import { pullAllSftpEndpoints } from "@/server/sftp/pull-all-sftp-endpoints.ts";
import { ALREADY_FETCHED_MESSAGE, pullSftpEndpoint, type PulledFile, type SftpPullResult } from "@/server/sftp/pull-sftp-endpoint.ts";
import type { SftpEndpointDto } from "@/server/sftp/sftp-endpoint-dto.ts";
import { testSftpConnection } from "@/server/sftp/test-sftp-connection.ts";
import { CLI_CONTEXT, openDatabase, readStdin, userPath } from "../runtime.ts";
import { formatCount } from "@/lib/format.ts";


export function registerSftpCommands(program: Command): void {
  const sftp = program.command("sftp").description("Sumber SFTP mitra: tambah, uji, tarik berkas baru dan impor");

  sftp
    .command("pull")
    .description("Tarik berkas baru dari semua sumber SFTP aktif (atau satu) lalu impor; berkas yang sudah diambil dilewati")
    .option("--endpoint <name>", "hanya sumber dengan nama ini")
    .option("--json", "baris terakhir stdout berisi ringkasan JSON")
    .action(async (options: { endpoint?: string; json?: boolean }) => {
      await openDatabase({ quiet: options.json });
      const actor = cliActor();
      let results: SftpPullResult[];
      if (options.endpoint) {
        const endpoint = await requireEndpoint(options.endpoint);
        results = [await pullSftpEndpoint({ endpointId: endpoint.id, actor, context: CLI_CONTEXT })];
      } else {
        results = await pullAllSftpEndpoints({ actor, context: CLI_CONTEXT });
        if (results.length === 0 && !options.json) console.log("Belum ada sumber SFTP aktif. Tambahkan dengan `npx jangkau sftp add` atau di halaman Impor Data › Sumber SFTP.");
      }
      const imported = results.flatMap((r) => r.files.filter((f) => f.outcome === "imported" && f.batchId).map((f) => f.batchId!));
      // Resolved into businesses by a worker (`npx jangkau worker`).
      for (const batchId of imported) await enqueueMatchAfterImport({ batchId, actor });
      // Non-zero when something needs a person: an endpoint unreachable, a file refused or failed.
      const troubled = results.some((r) => r.status === "failed" || r.counts.refused > 0 || r.counts.failed > 0);
      if (troubled) process.exitCode = 3;
      if (options.json) {
        console.log(JSON.stringify({ endpoints: results.map(pullResultJson), status: troubled ? "attention" : "ok" }));
        return;
      }
      for (const result of results) printPullResult(result);
    });

  sftp
    .command("add")
    .description("Tambah sumber SFTP (untuk skrip); rahasia dibaca dari stdin atau berkas, tidak pernah dari argumen")
    .requiredOption("--name <name>", "nama singkat, dipakai di --endpoint (huruf kecil, angka, . _ -)")
    .requiredOption("--host <host>", "nama host atau alamat IP server SFTP")
    .option("--port <port>", "port SSH", "22")
    .requiredOption("--user <username>", "nama pengguna SFTP")
    .requiredOption("--source <id>", `sumber data berkasnya: ${SOURCE_IDS.join(", ")}`)
    .option("--remote-dir <dir>", "folder di server", ".")
    .requiredOption("--pattern <glob>", "pola nama berkas, mis. '*.csv' atau 'WLKP_*.zip'")
    .option("--host-key <fingerprint>", "sidik jari kunci host SHA256:… (disarankan; koneksi ditolak bila berbeda)")
    .option("--password-stdin", "masuk dengan kata sandi, dibaca dari stdin")
    .option("--key-file <path>", "masuk dengan kunci privat dari berkas ini")
    .option("--passphrase-stdin", "frasa sandi kunci privat, dibaca dari stdin")
    .option("--zip-password-stdin", "kata sandi ZIP mitra, dibaca dari stdin")
    .option("--period <YYYY-S1|YYYY-S2>", "impor semua berkas sebagai periode ini (bawaan: dari waktu ubah berkas)")
    .option("--json", "baris terakhir stdout berisi sumber yang dibuat (tanpa rahasia)")
    .addHelpText(
      "after",
      "\nBila lebih dari satu opsi *-stdin dipakai, tiap nilai satu baris, berurutan: kata sandi SFTP, frasa sandi kunci, kata sandi ZIP.\n" +
        "Contoh: printf '%s\\n' \"$SFTP_PASS\" \"$ZIP_PASS\" | npx jangkau sftp add --name kemnaker --host sftp.example.go.id --user bpjs \\\n" +
        "          --source kemnaker-bu --remote-dir /keluar --pattern 'WLKP_*.zip' --host-key SHA256:… --password-stdin --zip-password-stdin",
    )
    .action(async (options: AddOptions) => {
      if (Boolean(options.passwordStdin) === Boolean(options.keyFile)) {
        throw new DomainError("Pilih satu cara masuk: --password-stdin atau --key-file <berkas>.");
      }
      const stdinValues = options.passwordStdin || options.passphraseStdin || options.zipPasswordStdin ? (await readStdin()).split(/\r?\n/) : [];
      const next = () => stdinValues.shift() ?? "";
      const password = options.passwordStdin ? next() : "";
      const passphrase = options.passphraseStdin ? next() : "";
      const zipPassword = options.zipPasswordStdin ? next() : "";
      const privateKey = options.keyFile ? await readFile(userPath(options.keyFile), "utf8") : "";

      await openDatabase({ quiet: options.json });
      const endpoint = await createSftpEndpoint({
        input: {
          name: options.name,
          host: options.host,
          port: Number(options.port),
          username: options.user,
          authKind: options.keyFile ? "KEY" : "PASSWORD",
          password,
          privateKey,
          passphrase,
          hostKeySha256: options.hostKey ?? "",
          remoteDir: options.remoteDir,
          filePattern: options.pattern,
          source: options.source as (typeof SOURCE_IDS)[number],
          zipPassword,
          periodOverride: options.period ?? "",
        },
        actor: cliActor(),
        context: CLI_CONTEXT,
      });
      if (options.json) {
        console.log(JSON.stringify(endpointJson(endpoint)));
        return;
      }
      console.log(`Sumber SFTP ${endpoint.name} dibuat (${endpoint.username}@${endpoint.host}:${endpoint.port}, ${endpoint.remoteDir}/${endpoint.filePattern} → ${endpoint.source}).`);
      if (!endpoint.hostKeySha256) {
        console.log("Peringatan: sidik jari kunci host belum disematkan. Jalankan `npx jangkau sftp test --endpoint " + endpoint.name + "`, cocokkan sidik jarinya dengan mitra, lalu sematkan di halaman Sumber SFTP.");
      }
    });

  sftp
    .command("list")
    .description("Daftar sumber SFTP (tanpa rahasia)")
    .option("--json", "keluaran JSON")
    .action(async (options: { json?: boolean }) => {
      await openDatabase({ quiet: options.json });
      const endpoints = await listSftpEndpoints();
      if (options.json) {
        console.log(JSON.stringify(endpoints.map(endpointJson)));
        return;
      }
      if (endpoints.length === 0) console.log("Belum ada sumber SFTP.");
      for (const e of endpoints) {
        console.log(
          `${e.name.padEnd(20)} ${e.active ? "aktif   " : "nonaktif"} ${e.username}@${e.host}:${e.port} ${e.remoteDir} ${e.filePattern} → ${e.source}` +
            `  kunci host: ${e.hostKeySha256 ?? "BELUM DISEMATKAN"}`,
        );
      }
    });

  sftp
    .command("test")
    .description("Uji koneksi satu sumber SFTP: masuk, baca folder, tampilkan sidik jari kunci host; tidak mengunduh apa pun")
    .requiredOption("--endpoint <name>", "nama sumber")
    .option("--json", "keluaran JSON")
    .action(async (options: { endpoint: string; json?: boolean }) => {
      await openDatabase({ quiet: options.json });
      const endpoint = await requireEndpoint(options.endpoint);
      const result = await testSftpConnection({ input: { endpointId: endpoint.id }, actor: cliActor(), context: CLI_CONTEXT });
      if (!result.ok) process.exitCode = 3;
      if (options.json) {
        console.log(JSON.stringify(result));
        return;
      }
      console.log(result.message);
      if (result.hostKeySha256) {
        console.log(`Sidik jari kunci host: ${result.hostKeySha256}${result.hostKeyPinned ? " (disematkan)" : " (BELUM disematkan: cocokkan dengan mitra lalu sematkan)"}`);
      }
      if (result.sampleNames.length) console.log(`Contoh berkas: ${result.sampleNames.join(", ")}`);
    });
}

interface AddOptions {
  name: string;
  host: string;
  port: string;
  user: string;
  source: string;
  remoteDir: string;
  pattern: string;
  hostKey?: string;
  passwordStdin?: boolean;
  keyFile?: string;
  passphraseStdin?: boolean;
  zipPasswordStdin?: boolean;
  period?: string;
  json?: boolean;
}

async function requireEndpoint(name: string): Promise<SftpEndpointDto> {
  const endpoint = await findSftpEndpointByName(name);
  if (!endpoint) throw new DomainError(`Sumber SFTP "${name}" tidak ada. Lihat \`npx jangkau sftp list\`.`);
  return endpoint;
}

function endpointJson(e: SftpEndpointDto) {
  return {
    id: e.id,
    name: e.name,
    host: e.host,
    port: e.port,
    username: e.username,
    authKind: e.authKind,
    hostKeySha256: e.hostKeySha256,
    remoteDir: e.remoteDir,
    filePattern: e.filePattern,
    source: e.source,
    zipPassword: e.hasZipPassword ? "tersimpan" : null,
    periodOverride: e.periodOverride,
    active: e.active,
    lastPullAt: e.lastPullAt,
  };
}

function pullResultJson(result: SftpPullResult) {
  return {
    endpoint: result.endpointName,
    status: result.status,
    message: result.message,
    hostKeySha256: result.hostKeySha256,
    counts: result.counts,
    files: result.files.map((file) => ({ ...file, mtime: file.mtime.toISOString() })),
  };
}

const OUTCOME_LABELS: Record<PulledFile["outcome"], string> = {
  imported: "diimpor",
  "already-imported": "sudah ada",
  refused: "DITOLAK",
  failed: "GAGAL",
  skipped: "dilewati",
};

function printPullResult(result: SftpPullResult): void {
  console.log(`\n${result.endpointName}${result.hostKeySha256 ? `  (kunci host ${result.hostKeySha256})` : ""}`);
  if (result.status === "failed") {
    console.log(`  GAGAL: ${result.message}`);
    return;
  }
  let alreadyFetched = 0;
  for (const file of result.files) {
    if (file.outcome === "skipped" && file.message === ALREADY_FETCHED_MESSAGE) {
      alreadyFetched += 1;
      continue;
    }
    const rows = file.outcome === "imported" ? `  ${formatCount(file.dataRows ?? 0)} baris: ${formatCount(file.accepted ?? 0)} diterima, ${formatCount(file.rejected ?? 0)} ditolak` : "";
    console.log(`  ${OUTCOME_LABELS[file.outcome].padEnd(9)} ${file.name}${file.period ? `  ${file.period}` : ""}${rows}${file.message ? `  — ${file.message}` : ""}`);
  }
  if (alreadyFetched) console.log(`  (${formatCount(alreadyFetched)} berkas sudah diambil sebelumnya)`);
  const c = result.counts;
  console.log(
    `  Ringkasan: ${c.matched} cocok dari ${c.listed} berkas; ${c.imported} diimpor, ${c.alreadyImported} sudah pernah diimpor, ` +
      `${c.skipped} dilewati, ${c.refused} ditolak, ${c.failed} gagal.`,
  );
}
