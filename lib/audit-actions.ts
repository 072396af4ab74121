/**
 * Every action the audit trail records, as `resource.verb`. Adding an event means adding it
 * here first, so the audit page's filter and the typed helper stay in step.
 */
export const AUDIT_ACTIONS = {
  "auth.sign_in": "Masuk",
  "auth.sign_in_failed": "Gagal masuk",
  "auth.lockout": "Akun dikunci",
  "auth.sign_out": "Keluar",
  "auth.session_expired": "Sesi berakhir",
  "auth.totp_enrol": "Mengaktifkan autentikator",
  "auth.totp_disable": "Menonaktifkan autentikator",
  "auth.recovery_code_used": "Memakai kode pemulihan",
  "auth.reauth": "Konfirmasi identitas",
  "auth.reauth_failed": "Konfirmasi identitas gagal",
  "auth.password_change": "Mengganti kata sandi sendiri",
  "account.notify_email": "Mengubah alamat surel pemberitahuan",
  "access.deny": "Akses ditolak",
  "request.malformed": "Permintaan cacat ditolak",
  "page.view": "Membuka halaman",
  "search.run": "Pencarian",
  "user.create": "Membuat pengguna",
  "user.update": "Mengubah pengguna",
  "user.role_change": "Mengubah peran",
  "user.region_change": "Mengubah wilayah",
  "user.deactivate": "Menonaktifkan pengguna",
  "user.activate": "Mengaktifkan pengguna",
  "user.password_reset": "Mengatur ulang kata sandi",
  "user.unlock": "Membuka kunci akun",
  "user.totp_reset": "Mengatur ulang autentikator pengguna",
  "import.run": "Mengimpor data mitra",
  "import.skip": "Impor dilewati (sudah pernah)",
  "import.refuse": "Impor ditolak",
  "import.fail": "Impor gagal",
  "import.report_download": "Mengunduh laporan penolakan",
  "sftp.endpoint_create": "Menambah sumber SFTP",
  "sftp.endpoint_update": "Mengubah sumber SFTP",
  "sftp.endpoint_deactivate": "Menonaktifkan sumber SFTP",
  "sftp.endpoint_activate": "Mengaktifkan sumber SFTP",
  "sftp.test": "Menguji koneksi SFTP",
  "sftp.pull": "Menarik berkas dari SFTP",
  "partner_key.create": "Membuat kunci API mitra",
  "partner_key.revoke": "Mencabut kunci API mitra",
  "partner_api.records": "Kiriman data lewat API mitra",
  "partner_api.batch_status": "Cek status kiriman lewat API mitra",
  "match.run": "Menjalankan pencocokan entitas",
  "job.cancel": "Membatalkan pekerjaan latar yang mengantre",
  "job.retry": "Mengulang pekerjaan latar yang gagal",
  "match.review_confirm": "Mengonfirmasi pasangan entitas",
  "match.review_reject": "Menolak pasangan entitas",
  "lead.search": "Mencari prospek",
  "lead.export_start": "Mulai mengekspor prospek",
  "lead.export": "Mengekspor prospek",
  "lead.workers_export_start": "Mulai mengekspor pekerja yang belum terdaftar (NIK lengkap)",
  "lead.workers_export": "Mengekspor pekerja yang belum terdaftar (NIK lengkap)",
  "dashboard.export": "Mengunduh data grafik dasbor",
  "report.monev_export": "Mengunduh laporan monev",
  "dashboard.refresh_request": "Meminta penyegaran statistik dasbor",
  "dashboard.refresh": "Menyegarkan statistik dasbor",
  "lead.view": "Membuka detail prospek",
  "lead.assign": "Menugaskan prospek",
  "lead.take": "Mengambil prospek sendiri",
  "lead_take.region_set": "Mengatur pengambilan prospek per wilayah",
  "followup.record": "Mencatat tindak lanjut",
  "personal_data.reveal": "Menampilkan data pribadi",
  "balikan.generate": "Membuat berkas data balikan",
  "balikan.download": "Mengunduh berkas data balikan",
  "balikan.push": "Mengirim data balikan ke SFTP mitra",
  "balikan.target_set": "Mengatur tujuan SFTP data balikan",
  "balikan.password_check": "Memeriksa kata sandi berkas data balikan",
  "partner_api.status": "Cek status lewat API mitra",
  "audit.view": "Membuka jejak audit",
  "audit.export": "Mengekspor jejak audit",
  "audit.verify": "Memeriksa rantai audit",
  "db.migrate": "Migrasi database",
  "db.backup": "Mencadangkan database",
  "db.restore": "Memulihkan database dari cadangan",
  "system.seed": "Mengisi data awal",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_OUTCOMES = ["SUCCESS", "FAILURE", "DENIED"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = {
  SUCCESS: "Berhasil",
  FAILURE: "Gagal",
  DENIED: "Ditolak",
};

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}
