"use client";

import { useId, useState } from "react";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { SFTP_AUTH_KINDS, SFTP_AUTH_LABELS, type SftpAuthKind } from "@/lib/sftp.ts";
import { SOURCE_IDS, SOURCE_LABELS } from "@/lib/sources.ts";

/** What the form shows of a saved endpoint: never a secret, only whether one is stored. */
export interface SftpEndpointFormDefaults {
  name: string;
  host: string;
  port: number;
  username: string;
  authKind: SftpAuthKind;
  hostKeySha256: string | null;
  remoteDir: string;
  filePattern: string;
  source: string;
  periodOverride: string | null;
  pullSchedule: string | null;
  hasZipPassword: boolean;
}

export const NEW_ENDPOINT_DEFAULTS: SftpEndpointFormDefaults = {
  name: "",
  host: "",
  port: 22,
  username: "",
  authKind: "PASSWORD",
  hostKeySha256: null,
  remoteDir: ".",
  filePattern: "*.csv",
  source: "",
  periodOverride: null,
  pullSchedule: null,
  hasZipPassword: false,
};

const STORED = "Tersimpan (terenkripsi). Kosongkan untuk tetap memakainya; isi untuk menggantinya.";
const HOST_KEY_HINT =
  "Sangat disarankan. Minta dari mitra, atau lihat hasil “Uji koneksi” lalu cocokkan dengan mitra. Bila diisi, server dengan kunci lain ditolak sebelum kata sandi dikirim.";
const PATTERN_HINT = "Nama berkas di folder itu: * untuk sembarang teks, ? untuk satu karakter, huruf besar/kecil sama (mis. WLKP_*.zip).";
const PERIOD_HINT = "Kosongkan: periode dari waktu ubah berkas (Januari–Juni → S1, Juli–Desember → S2).";
const SCHEDULE_HINT = "Cron 5 bagian dalam WIB: menit jam tanggal bulan hari. Mis. `0 6 * * *` setiap hari pukul 06.00, `0 7 * * 1` setiap Senin 07.00. Kosongkan: hanya ditarik manual.";

/**
 * The fields of the add and edit forms. Names match `createSftpEndpointSchema` /
 * `updateSftpEndpointSchema` (lib/sftp.ts), whose messages come back per field.
 */
export function SftpEndpointFields({
  mode,
  defaults,
  fieldError,
}: {
  mode: "create" | "edit";
  defaults: SftpEndpointFormDefaults;
  fieldError: (name: string) => string | undefined;
}) {
  const id = useId();
  const ids = Object.fromEntries(
    ["name", "host", "port", "username", "password", "privateKey", "passphrase", "hostKeySha256", "remoteDir", "filePattern", "source", "zipPassword", "clearZipPassword", "periodOverride", "pullSchedule"].map(
      (field) => [field, `${id}-${field}`],
    ),
  ) as Record<string, string>;
  const [authKind, setAuthKind] = useState<SftpAuthKind>(defaults.authKind);
  // On edit, the stored secret is the one of the saved kind; switching kinds needs a new one.
  const secretStored = mode === "edit" && authKind === defaults.authKind;
  const secretHint = secretStored ? STORED : undefined;
  const keyHint = secretHint ?? "Tempel isi berkas kunci privat (OpenSSH atau PEM), termasuk baris BEGIN dan END.";
  const zipHint = defaults.hasZipPassword ? STORED : "Bila mitra mengirim ZIP berkata sandi. Disimpan terenkripsi; tidak pernah ditampilkan lagi.";

  const text = (field: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> & { hint?: string } = {}) => {
    const { hint, ...rest } = props;
    return (
      <Field id={ids[field]!} label={label} hint={hint} error={fieldError(field)}>
        <input {...fieldAria(ids[field]!, fieldError(field), hint)} name={field} autoComplete="off" spellCheck={false} className={inputClass} {...rest} />
      </Field>
    );
  };

  return (
    <div className="space-y-4">
      {text("name", "Nama sumber", { required: true, defaultValue: defaults.name, hint: "Huruf kecil, angka, titik, garis bawah atau tanda hubung; dipakai di perintah npx jangkau sftp pull --endpoint <nama>." })}
      <div className="grid grid-cols-[1fr_7rem] gap-3">
        {text("host", "Alamat server", { required: true, defaultValue: defaults.host, placeholder: "sftp.mitra.go.id" })}
        {text("port", "Port", { required: true, defaultValue: String(defaults.port), inputMode: "numeric" })}
      </div>
      {text("username", "Nama pengguna SFTP", { required: true, defaultValue: defaults.username })}

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Cara masuk</legend>
        <div className="flex gap-4">
          {SFTP_AUTH_KINDS.map((kind) => (
            <label key={kind} className="flex items-center gap-2 text-sm">
              <input type="radio" name="authKind" value={kind} checked={authKind === kind} onChange={() => setAuthKind(kind)} />
              {SFTP_AUTH_LABELS[kind]}
            </label>
          ))}
        </div>
      </fieldset>
      {authKind === "PASSWORD" ? (
        text("password", "Kata sandi SFTP", { type: "password", autoComplete: "new-password", required: !secretStored, hint: secretHint })
      ) : (
        <>
          <Field id={ids.privateKey!} label="Kunci privat SSH" hint={keyHint} error={fieldError("privateKey")}>
            <textarea
              {...fieldAria(ids.privateKey!, fieldError("privateKey"), keyHint)}
              name="privateKey"
              rows={5}
              spellCheck={false}
              autoComplete="off"
              required={!secretStored}
              placeholder={secretStored ? "(tersimpan)" : "-----BEGIN OPENSSH PRIVATE KEY-----"}
              className={`${inputClass} font-mono text-xs`}
            />
          </Field>
          {text("passphrase", "Frasa sandi kunci (bila ada)", { type: "password", autoComplete: "new-password", hint: secretStored ? "Kosongkan untuk tetap memakai yang tersimpan." : undefined })}
        </>
      )}

      {text("hostKeySha256", "Sidik jari kunci host (SHA256)", { defaultValue: defaults.hostKeySha256 ?? "", placeholder: "SHA256:…", hint: HOST_KEY_HINT, className: `${inputClass} font-mono` })}
      {text("remoteDir", "Folder di server", { required: true, defaultValue: defaults.remoteDir, hint: "Jalur folder berkas mitra; \".\" untuk folder awal pengguna." })}
      {text("filePattern", "Pola nama berkas", { required: true, defaultValue: defaults.filePattern, hint: PATTERN_HINT })}
      <Field id={ids.source!} label="Sumber data" error={fieldError("source")}>
        <select {...fieldAria(ids.source!, fieldError("source"))} name="source" required defaultValue={defaults.source} className={inputClass}>
          <option value="" disabled>
            Pilih sumber data
          </option>
          {SOURCE_IDS.map((source) => (
            <option key={source} value={source}>
              {SOURCE_LABELS[source]}
            </option>
          ))}
        </select>
      </Field>
      {text("zipPassword", "Kata sandi ZIP (bila ada)", { type: "password", autoComplete: "new-password", hint: zipHint })}
      {mode === "edit" && defaults.hasZipPassword && (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input id={ids.clearZipPassword} type="checkbox" name="clearZipPassword" />
          Hapus kata sandi ZIP yang tersimpan
        </label>
      )}
      {text("periodOverride", "Periode tetap (opsional)", { defaultValue: defaults.periodOverride ?? "", placeholder: "2025-S1", hint: PERIOD_HINT })}
      {text("pullSchedule", "Jadwal tarik otomatis (opsional)", { defaultValue: defaults.pullSchedule ?? "", placeholder: "0 6 * * *", hint: SCHEDULE_HINT })}
    </div>
  );
}
