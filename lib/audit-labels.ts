/**
 * What the audit page shows for the codes the trail stores. The trail keeps stable English codes
 * (`missing_permission:leads.export`, `sftp_endpoint`): they are what the hash chain signs and
 * what tools filter on. An auditor reads Indonesian, so every code shown has its label here, and
 * the code stays visible beside it for anyone who needs the exact value.
 */

const PERMISSION_LABELS: Record<string, string> = {
  "leads.read": "melihat prospek",
  "leads.assign": "menugaskan prospek",
  "leads.take": "mengambil prospek sendiri",
  "leads.export": "mengekspor prospek",
  "followup.read": "melihat tindak lanjut",
  "followup.write": "mencatat tindak lanjut",
  "dashboard.read": "melihat dasbor",
  "personal_data.reveal": "menampilkan data pribadi",
  "imports.manage": "mengelola impor",
  "balikan.manage": "mengelola data balikan",
  "reports.monev": "melihat laporan monev",
  "matches.review": "meninjau pasangan entitas",
  "users.manage": "mengelola pengguna",
  "audit.read": "melihat jejak audit",
  "audit.export": "mengekspor jejak audit",
  "account.self": "mengelola akun sendiri",
  "agreements.manage": "mengelola perjanjian kerja sama",
};

const REASON_LABELS: Record<string, string> = {
  // Access and sign-in.
  outside_region_scope: "Di luar wilayah tugas",
  lead_take_disabled: "Pengambilan prospek tidak diaktifkan di wilayah ini",
  unknown_user: "Nama pengguna tidak dikenal",
  wrong_password: "Kata sandi salah",
  wrong_code: "Kode verifikasi salah",
  wrong_secret: "Kata sandi atau kode salah",
  wrong_current_password: "Kata sandi saat ini salah",
  locked: "Akun sedang dikunci",
  inactive: "Akun nonaktif",
  oidc_unknown_user: "Pengguna SSO tidak dikenal",
  too_many_failed_sign_ins: "Terlalu banyak percobaan masuk yang gagal",
  rate_limited: "Terlalu banyak permintaan",
  // Sessions ended.
  sign_out: "Keluar",
  idle_timeout: "Tidak aktif terlalu lama",
  absolute_timeout: "Batas lama sesi tercapai",
  user_inactive: "Pengguna dinonaktifkan",
  password_reset: "Kata sandi diatur ulang",
  password_change: "Kata sandi diganti",
  second_factor_reset: "Autentikator diatur ulang",
  lockout: "Akun dikunci",
  // Partner API keys.
  missing_key: "Tanpa kunci API",
  unknown_key: "Kunci API tidak dikenal",
  revoked_key: "Kunci API sudah dicabut",
  unknown_partner: "Mitra tidak dikenal",
  wrong_partner: "Kunci milik mitra lain",
  unknown_source: "Sumber data tidak dikenal",
  agreement_ended: "Perjanjian kerja sama mitra sudah berakhir",
  // Malformed requests.
  path_encoding: "Alamat berisi kode persen yang tidak sah",
  path_nul: "Alamat berisi karakter NUL",
  router_state: "Header status router tidak terbaca",
  // Imports refused as a whole.
  bad_period: "Periode tidak sah",
  header: "Kolom berkas tidak sesuai",
  file_too_large: "Berkas terlalu besar",
  empty_file: "Berkas kosong",
  no_header: "Tanpa baris judul kolom",
  unsupported_format: "Format berkas tidak didukung",
  invalid_encoding: "Pengodean teks tidak sah",
  unclosed_quote: "Tanda kutip tidak ditutup",
  record_too_large: "Baris terlalu panjang",
  zip_too_many_entries: "ZIP berisi terlalu banyak berkas",
  zip_too_large: "Isi ZIP terlalu besar",
  zip_bomb: "ZIP mencurigakan (rasio kompresi)",
  zip_size_mismatch: "Ukuran isi ZIP tidak cocok",
  zip_unsafe_entry_name: "Nama berkas di ZIP tidak aman",
  zip_no_csv: "ZIP tanpa CSV",
  zip_multiple_csv: "ZIP berisi lebih dari satu CSV",
  zip_password_required: "ZIP memerlukan kata sandi",
  zip_wrong_password: "Kata sandi ZIP salah",
  zip_unsupported: "Jenis ZIP tidak didukung",
  zip_corrupt: "ZIP rusak",
  // SFTP.
  host_key_mismatch: "Kunci host server berbeda dari yang disematkan",
  auth: "Autentikasi SFTP gagal",
  bad_private_key: "Kunci privat tidak terbaca",
  host_not_found: "Server tidak ditemukan",
  refused: "Koneksi ditolak",
  timeout: "Waktu habis",
  remote_dir: "Folder di server tidak terbaca",
  secret_unreadable: "Kredensial tersimpan tidak terbaca",
  other: "Kesalahan lain",
  // Exports.
  interrupted: "Terputus sebelum selesai",
};

/** "Tidak berhak: mengekspor prospek" for `missing_permission:leads.export`, and so on. */
export function auditReasonLabel(reason: string): string {
  const permission = /^missing_permission:(.+)$/.exec(reason)?.[1];
  if (permission) return `Tidak berhak ${PERMISSION_LABELS[permission] ?? permission}`;
  const limited = /^(.+)_rate_limited$/.exec(reason)?.[1];
  if (limited && REASON_LABELS[limited]) return `${REASON_LABELS[limited]}; percobaan berikutnya dibatasi`;
  // Free-text reasons (a balikan push's message) are Indonesian already.
  return REASON_LABELS[reason] ?? reason;
}

/** Whether the reason is a code (shown beside its label) rather than a sentence. */
export function isReasonCode(reason: string): boolean {
  return /^[a-z0-9_.:]+$/.test(reason);
}

export const AUDIT_OBJECT_TYPE_LABELS: Record<string, string> = {
  user: "Pengguna",
  session: "Sesi",
  page: "Halaman",
  route: "Rute",
  audit: "Jejak audit",
  audit_export: "Ekspor jejak audit",
  business: "Badan usaha",
  lead: "Prospek",
  lead_export: "Ekspor prospek",
  import_batch: "Batch impor",
  import_job: "Percobaan impor",
  sftp_endpoint: "Sumber SFTP",
  partner_api: "API mitra",
  partner_api_key: "Kunci API mitra",
  partner_agreement: "Perjanjian kerja sama",
  match_run: "Pencocokan entitas",
  match_review: "Tinjauan pasangan entitas",
  job: "Pekerjaan latar",
  balikan_delivery: "Berkas data balikan",
  balikan_target: "Tujuan kirim data balikan",
  dashboard_chart: "Grafik dasbor",
  monev_report: "Laporan monev",
  region: "Wilayah",
};

export function auditObjectTypeLabel(type: string): string {
  return AUDIT_OBJECT_TYPE_LABELS[type] ?? type;
}

const DETAIL_LABELS: Record<string, string> = {
  source: "Sumber",
  sources: "Sumber",
  period: "Periode",
  year: "Tahun",
  formats: "Format",
  files: "Berkas",
  partner: "Mitra",
  requestedPartner: "Mitra yang diminta",
  name: "Nama",
  username: "Nama pengguna",
  fileName: "Nama berkas",
  batchId: "Batch",
  exportId: "Ekspor",
  rows: "Baris",
  rowCount: "Jumlah baris",
  maxRows: "Batas baris",
  count: "Jumlah",
  sha256: "SHA-256",
  size: "Ukuran (bita)",
  status: "Status",
  statusFrom: "Status semula",
  statusTo: "Status baru",
  role: "Peran",
  from: "Dari",
  to: "Menjadi",
  regionCodes: "Kode wilayah",
  region: "Wilayah",
  filter: "Filter",
  kind: "Jenis",
  method: "Metode",
  path: "Alamat",
  host: "Server",
  remoteDir: "Folder server",
  matchingFiles: "Berkas cocok",
  presentedHostKey: "Kunci host yang ditunjukkan",
  endedSessions: "Sesi diakhiri",
  failedLogins: "Percobaan gagal",
  lockedUntil: "Dikunci sampai",
  lockedMinutes: "Lama dikunci (menit)",
  mustChangePassword: "Wajib ganti kata sandi",
  keyPrefix: "Awalan kunci",
  prefix: "Awalan",
  searchKind: "Jenis pencarian",
  personalData: "Data pribadi",
  remainingRecoveryCodes: "Sisa kode pemulihan",
  replayed: "Diulang",
  truncated: "Terpotong",
  accepted: "Diterima",
  rejected: "Ditolak",
  duplicates: "Duplikat",
  warnings: "Peringatan",
  dataRows: "Baris data",
  channel: "Saluran",
  job: "Pekerjaan",
  officer: "Petugas",
  dueDate: "Tenggat",
  changed: "Yang diubah",
  changes: "Perubahan (semula → menjadi)",
};

/**
 * The event's details as label/value lines for a readable list: nested values stay compact JSON,
 * yes/no in Indonesian. The stored JSON is unchanged (it is what the chain signs).
 */
export function auditDetailEntries(details: unknown): { key: string; label: string; value: string }[] {
  if (details === null || details === undefined) return [];
  if (typeof details !== "object" || Array.isArray(details)) return [{ key: "", label: "Rincian", value: detailValue(details) }];
  return Object.entries(details as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ({ key, label: DETAIL_LABELS[key] ?? key, value: detailValue(value) }));
}

function detailValue(value: unknown): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return value ? "ya" : "tidak";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === "string" || typeof item === "number")) return value.join(", ");
  return JSON.stringify(value);
}
