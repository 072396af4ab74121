-- The two data-sharing agreements (PKS) as signed, and the inbox notice of their term.
ALTER TYPE "NotificationKind" ADD VALUE 'AGREEMENT_TERM';

CREATE TABLE "partner_agreement" (
    "partner" "Partner" NOT NULL,
    "title" TEXT NOT NULL,
    "bpjs_number" TEXT NOT NULL,
    "partner_number" TEXT NOT NULL,
    "signed_on" DATE NOT NULL,
    "last_day" DATE,
    "term_text" TEXT NOT NULL,
    "notice_months" INTEGER NOT NULL,
    "contact_change_text" TEXT NOT NULL,
    "contacts" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" TEXT,
    "updated_by_username" TEXT NOT NULL,

    CONSTRAINT "partner_agreement_pkey" PRIMARY KEY ("partner")
);

-- Written by hand: BPJS's own keys have no agreement, and a term ends after it starts.
ALTER TABLE "partner_agreement" ADD CONSTRAINT "partner_agreement_partner_check" CHECK ("partner" IN ('kemnaker', 'ahu'));
ALTER TABLE "partner_agreement" ADD CONSTRAINT "partner_agreement_term_check" CHECK ("last_day" IS NULL OR "last_day" >= "signed_on");

-- One row per agreement, read from the signed copies (a unit the copy does not name stays empty); an admin corrects them on /perjanjian. The
-- app reads and corrects them, and neither adds nor removes an agreement (the default privileges
-- would grant all four).
GRANT SELECT, UPDATE ON "partner_agreement" TO jangkau_app;
REVOKE INSERT, DELETE, TRUNCATE ON "partner_agreement" FROM jangkau_app;

INSERT INTO "partner_agreement" ("partner", "title", "bpjs_number", "partner_number", "signed_on", "last_day", "term_text", "notice_months", "contact_change_text", "contacts", "updated_by_username")
VALUES
(
    'kemnaker',
    'Integrasi Sistem Informasi Ketenagakerjaan dengan Sistem Informasi Perluasan Kepesertaan Pekerja Penerima Upah Badan Usaha',
    '123/KTR/0125',
    '7/006/KS.06/I/2025',
    DATE '2025-01-06',
    -- Three years from signing.
    DATE '2028-01-05',
    'Berlaku 3 (tiga) tahun sejak tanggal ditandatangani; perpanjangan atau pengakhiran disepakati paling lambat 3 (tiga) bulan sebelum berakhir.',
    3,
    'Perubahan pejabat penghubung diberitahukan secara tertulis paling lambat 6 (enam) hari kerja sejak penunjukan pejabat penghubung yang baru (Pasal 10).',
    '{
      "bpjs": {"unit": "Kedeputian Bidang Perluasan dan Kepatuhan Kepesertaan", "position": "Deputi Direksi Bidang Perluasan dan Kepatuhan Kepesertaan", "address": "Jalan Letjen Suprapto Kav. 20 No. 14, Cempaka Putih, Jakarta Pusat", "phone": "(021) 4212938", "fax": "(021) 4212940", "email": "deputi.pemasaran@bpjs-kesehatan.go.id"},
      "mitra": {"unit": "Pusat Data dan Teknologi Informasi Ketenagakerjaan", "position": "Kepala Pusat Data dan Teknologi Informasi Ketenagakerjaan", "address": "Jalan Jenderal Gatot Subroto Kaveling 51, Jakarta Selatan", "phone": "(021) 5255733", "fax": "", "email": "pengembangansistem@kemnaker.go.id"}
    }'::jsonb,
    'system'
),
(
    'ahu',
    'Pemanfaatan Data dalam rangka Optimalisasi Program Jaminan Kesehatan Nasional',
    '755/KTR/1223',
    'AHU.HH.04.02-5',
    DATE '2023-12-21',
    -- Follows the MoU, whose end is not in the agreement: entered by an admin.
    NULL,
    'Berlaku mengikuti jangka waktu Nota Kesepahaman Nomor 34/MOU/1022 dan M.HH-7.HH.04.05 Tahun 2022 tanggal 17 Oktober 2022; pengakhiran lebih awal diberitahukan secara tertulis paling lambat 3 (tiga) bulan sebelumnya.',
    3,
    'Perubahan pejabat penghubung diberitahukan secara tertulis paling lambat 7 (tujuh) hari kalender setelah perubahan (Pasal 9).',
    '{
      "bpjs": {"unit": "", "position": "Deputi Direksi Bidang Perluasan dan Kepatuhan Kepesertaan", "address": "Gedung Siwabessy Lantai 5, Jalan Letjen Suprapto Kavling 20 Nomor 14 Cempaka Putih, Jakarta 10510", "phone": "(021) 4212938", "fax": "(021) 4212940", "email": "deputi.pemasaran@bpjs-kesehatan.go.id"},
      "mitra": {"unit": "", "position": "Sekretaris Direktorat Jenderal Administrasi Hukum Umum", "address": "Jalan HR Rasuna Said Kavling 6-7 Kuningan, Jakarta Selatan", "phone": "(021) 5261082", "fax": "(021) 5261082", "email": "humas@ahu.go.id"}
    }'::jsonb,
    'system'
);
