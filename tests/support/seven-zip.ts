import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Debian's `7z` (package p7zip-full), the tool the data-balikan agreements' partners open our
 * ZIPs with. Tests that need it fail, never skip, when it is missing; `.ci/run` installs it.
 */
export function sevenZip(): string {
  for (const candidate of ["/usr/bin/7z", "/usr/local/bin/7z"]) if (existsSync(candidate)) return candidate;
  throw new Error("7z tidak ditemukan: jalankan `apt-get install -y p7zip-full` (CI memasangnya lewat .ci/run).");
}

/** `7z t -p<password>`: exit status and output (a wrong password exits non-zero). */
export async function testZip(file: string, password: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(sevenZip(), ["t", `-p${password}`, file], { maxBuffer: 16 * 1024 * 1024 });
    return { ok: true, output: stdout };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

/** `7z l -slt`: each entry's technical listing (Method shows `AES-256 Store` for an encrypted stored entry). */
export async function listZip(file: string, password: string): Promise<string> {
  const { stdout } = await run(sevenZip(), ["l", "-slt", `-p${password}`, file], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** Extracts with `7z x` and returns each entry's text. */
export async function extractZip(file: string, password: string): Promise<Record<string, string>> {
  const out = await mkdtemp(path.join(tmpdir(), "jangkau-7z-"));
  try {
    await run(sevenZip(), ["x", `-p${password}`, `-o${out}`, "-y", file], { maxBuffer: 16 * 1024 * 1024 });
    const entries: Record<string, string> = {};
    for (const name of await readdir(out)) entries[name] = await readFile(path.join(out, name), "utf8");
    return entries;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
