import { z } from "zod";
import { PERIOD_PATTERN, SOURCE_IDS } from "./sources.ts";
import { parseCron } from "./cron.ts";

/**
 * Partner SFTP endpoints: the form schema shared by the "Sumber SFTP" page, its server actions
 * and the CLI, and the pure rules of a pull (which files match, which period a file belongs to).
 * Secrets pass through these schemas on their way in; they are sealed by server/sftp and never
 * come back out.
 */

export const SFTP_AUTH_KINDS = ["PASSWORD", "KEY"] as const;
export type SftpAuthKind = (typeof SFTP_AUTH_KINDS)[number];

export const SFTP_AUTH_LABELS: Record<SftpAuthKind, string> = {
  PASSWORD: "Kata sandi",
  KEY: "Kunci privat SSH",
};

export const SFTP_FETCH_STATUS_LABELS = {
  IMPORTED: "Diimpor",
  ALREADY_IMPORTED: "Sudah pernah diimpor",
  REFUSED: "Ditolak",
  FAILED: "Gagal",
} as const;
export type SftpFetchStatus = keyof typeof SFTP_FETCH_STATUS_LABELS;

/** OpenSSH's form of a host key fingerprint: `SHA256:` and 43 characters of unpadded base64. */
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/**
 * `SHA256:abc…`, `abc…=` or `sha256:abc…` (as `ssh-keygen -l -E sha256` prints it, or as copied
 * from a partner's mail) → `SHA256:abc…`; null when it is not a SHA-256 fingerprint.
 */
export function normalizeHostKeyFingerprint(value: string): string | null {
  const bare = value.trim().replace(/^sha256:/i, "").replace(/=+$/, "");
  const normalized = `SHA256:${bare}`;
  return FINGERPRINT.test(normalized) ? normalized : null;
}

/**
 * A file-name glob as partners describe their drops: `*` any run of characters, `?` one; the
 * rest literal. Case-insensitive, since Windows-side exports flip `.CSV` and `.csv` at will.
 */
export function filePatternRegExp(pattern: string): RegExp {
  const body = [...pattern]
    .map((char) => (char === "*" ? ".*" : char === "?" ? "." : char.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, "i");
}

export function matchesFilePattern(fileName: string, pattern: string): boolean {
  return filePatternRegExp(pattern).test(fileName);
}

// Jangkau's users and the partners' deliveries are on Western Indonesian Time (UTC+7, no DST).
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The delivery period a file belongs to by its modification time: January–June → S1, else S2 (WIB). */
export function periodForMtime(mtime: Date): string {
  const wib = new Date(mtime.getTime() + WIB_OFFSET_MS);
  return `${wib.getUTCFullYear()}-S${wib.getUTCMonth() < 6 ? 1 : 2}`;
}

const optionalText = (max: number, message: string) => z.string().max(max, message).optional().default("");

const endpointFields = {
  name: z
    .string()
    .trim()
    .toLowerCase()
    .min(2, "Nama minimal 2 karakter.")
    .max(60, "Nama maksimal 60 karakter.")
    .regex(/^[a-z0-9][a-z0-9._-]*$/, "Nama hanya boleh huruf kecil, angka, titik, garis bawah dan tanda hubung (dipakai di CLI)."),
  host: z
    .string()
    .trim()
    .min(1, "Alamat server wajib diisi.")
    .max(253, "Alamat server terlalu panjang.")
    .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$|^[0-9a-fA-F:]+$/, "Isi nama host atau alamat IP, tanpa skema atau port (mis. sftp.kemnaker.go.id)."),
  port: z.coerce
    .number({ message: "Port harus angka." })
    .int("Port harus bilangan bulat.")
    .min(1, "Port antara 1 dan 65535.")
    .max(65535, "Port antara 1 dan 65535."),
  username: z
    .string()
    .trim()
    .min(1, "Nama pengguna SFTP wajib diisi.")
    .max(100, "Nama pengguna terlalu panjang.")
    .regex(/^[^\s\p{Cc}]+$/u, "Nama pengguna tidak boleh berisi spasi."),
  authKind: z.enum(SFTP_AUTH_KINDS, { message: "Pilih cara masuk." }),
  /** PASSWORD: the password. Blank on edit: keep the stored one. */
  password: optionalText(1000, "Kata sandi terlalu panjang."),
  /** KEY: the private key (OpenSSH or PEM). Blank on edit: keep the stored one. */
  privateKey: optionalText(20_000, "Kunci privat terlalu panjang.").transform((key) => key.trim()),
  passphrase: optionalText(1000, "Frasa sandi terlalu panjang."),
  // Nullable so a parsed value parses again unchanged (actions parse, then the use case does).
  hostKeySha256: z
    .string()
    .trim()
    .nullish()
    .transform((value, ctx) => {
      if (!value) return null;
      const normalized = normalizeHostKeyFingerprint(value);
      if (!normalized) {
        ctx.addIssue({ code: "custom", message: "Sidik jari harus berbentuk SHA256:… (43 karakter base64), seperti keluaran `ssh-keygen -l -E sha256`." });
        return z.NEVER;
      }
      return normalized;
    }),
  remoteDir: z
    .string()
    .trim()
    .min(1, "Folder di server wajib diisi (\".\" untuk folder awal).")
    .max(500, "Folder terlalu panjang.")
    .regex(/^[^\p{Cc}]+$/u, "Folder tidak boleh berisi karakter kontrol."),
  filePattern: z
    .string()
    .trim()
    .min(1, "Pola nama berkas wajib diisi (mis. *.csv).")
    .max(200, "Pola terlalu panjang.")
    .regex(/^[^/\\\p{Cc}]+$/u, "Pola hanya nama berkas, tanpa folder (mis. WLKP_*.zip)."),
  source: z.enum(SOURCE_IDS, { message: "Pilih sumber data." }),
  /** Blank on create: none; blank on edit: keep (or clear with `clearZipPassword`). */
  zipPassword: optionalText(1000, "Kata sandi ZIP terlalu panjang."),
  periodOverride: z
    .string()
    .trim()
    .toUpperCase()
    .nullish()
    .refine((value) => !value || PERIOD_PATTERN.test(value), "Periode berbentuk 2025-S1 atau 2025-S2, atau kosong.")
    .transform((value) => value || null),
  /** Cron text of automatic pulls (lib/cron.ts, WIB); blank: pulled by hand only. */
  pullSchedule: z
    .string()
    .trim()
    .max(100, "Jadwal terlalu panjang.")
    .nullish()
    .transform((value, ctx) => {
      if (!value) return null;
      const parsed = parseCron(value);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }
      return value.split(/\s+/).join(" ");
    }),
};

function requireSecretForAuthKind(value: { authKind: SftpAuthKind; password: string; privateKey: string }, ctx: z.RefinementCtx) {
  if (value.authKind === "PASSWORD" && value.password === "") {
    ctx.addIssue({ code: "custom", path: ["password"], message: "Kata sandi SFTP wajib diisi." });
  }
  if (value.authKind === "KEY" && value.privateKey === "") {
    ctx.addIssue({ code: "custom", path: ["privateKey"], message: "Kunci privat wajib diisi." });
  }
}

export const createSftpEndpointSchema = z.object(endpointFields).superRefine(requireSecretForAuthKind);
export type CreateSftpEndpointInput = z.input<typeof createSftpEndpointSchema>;
export type CreateSftpEndpointData = z.output<typeof createSftpEndpointSchema>;

/** Secrets left blank keep their stored value; the use case checks one exists for the chosen kind. */
export const updateSftpEndpointSchema = z.object({
  endpointId: z.uuid("Sumber SFTP tidak dikenal."),
  ...endpointFields,
  clearZipPassword: z.boolean().optional().default(false),
});
export type UpdateSftpEndpointInput = z.input<typeof updateSftpEndpointSchema>;
export type UpdateSftpEndpointData = z.output<typeof updateSftpEndpointSchema>;

export const sftpEndpointIdSchema = z.object({ endpointId: z.uuid("Sumber SFTP tidak dikenal.") });
export const setSftpEndpointActiveSchema = z.object({ endpointId: z.uuid("Sumber SFTP tidak dikenal."), active: z.boolean() });

/** What "Uji koneksi" reports (server/sftp/test-sftp-connection.ts); no secret, ever. */
export interface SftpConnectionTestResult {
  ok: boolean;
  message: string;
  /** The host key the server presented: shown so the admin can confirm it with the partner and pin it. */
  hostKeySha256: string | null;
  hostKeyPinned: boolean;
  /** Regular files in the remote folder, and how many match the pattern (with the newest few names). */
  files: number | null;
  matchingFiles: number | null;
  sampleNames: string[];
}

export type SftpPulledFileOutcome = "imported" | "already-imported" | "refused" | "failed" | "skipped";

export interface SftpPullCounts {
  /** Regular files in the remote folder, and those matching the pattern. */
  listed: number;
  matched: number;
  imported: number;
  alreadyImported: number;
  skipped: number;
  refused: number;
  failed: number;
}
