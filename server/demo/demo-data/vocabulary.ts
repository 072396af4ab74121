import "server-only";
// The id_ID entry point alone (fakerID_ID): importing "@faker-js/faker" loads every locale (~35 MB).
import { faker as fakerID_ID } from "@faker-js/faker/locale/id_ID";
import { Weighted } from "./prng.ts";

/**
 * Word lists for Indonesian business names, streets and people. Person names come from
 * faker's `id_ID` locale (picked with our own seeded generator, so output depends on the seed
 * only, not on faker's global state); the business vocabulary is ours.
 */

// ---------------------------------------------------------------- people (faker id_ID)

interface FakerPersonNames {
  first_name?: { male?: string[]; female?: string[]; generic?: string[] };
  last_name?: { male?: string[]; female?: string[]; generic?: string[] };
}

const person = (fakerID_ID.rawDefinitions.person ?? {}) as FakerPersonNames;

function upperWords(list: readonly string[] | undefined): string[] {
  return [...new Set((list ?? []).map((w) => w.trim()).filter((w) => /^[A-Za-z' -]+$/.test(w)))];
}

export const MALE_FIRST_NAMES = upperWords([...(person.first_name?.male ?? []), ...(person.first_name?.generic ?? [])]);
export const FEMALE_FIRST_NAMES = upperWords([...(person.first_name?.female ?? []), ...(person.first_name?.generic ?? [])]);
export const MALE_LAST_NAMES = upperWords(person.last_name?.male);
export const FEMALE_LAST_NAMES = upperWords(person.last_name?.female);

/**
 * Names with an apostrophe or accent (Ma’ruf, Syafi’i): common in real registries, and the
 * characters that make an encoding mix-up visible (U+2019 is 0x92 in Windows-1252).
 */
export const APOSTROPHE_NAMES = ["Ma’ruf", "Syafi’i", "Jum’at", "Mu’min", "Ni’mah", "Rif’at", "Sa’adah", "Ma'arif", "Qur’ani"];

export const HONORIFICS = ["H.", "Hj.", "Ir.", "Drs.", "Dr.", "dr.", "Prof."];
export const DEGREES = ["S.E.", "S.H.", "S.T.", "S.Kom.", "M.M.", "S.Sos.", "M.B.A.", "S.Ak.", "M.T.", "S.Pd."];
export const NOTARY_DEGREES = ["S.H., M.Kn.", "S.H.", "S.H., M.Kn.", "S.H., M.H.", "S.H., Sp.N.", "S.H., M.Kn., M.H."];

// ---------------------------------------------------------------- business name words

/**
 * Words Indonesian business names are made of, with how common they are: the first group
 * (JAYA, MANDIRI, …) appears in a large share of real names and must count for little when
 * matching; the rest are rarer. Weights are rough shares, not measured counts.
 */
export const COMMON_NAME_WORDS: readonly (readonly [string, number])[] = [
  ["JAYA", 10], ["MANDIRI", 8], ["SEJAHTERA", 7], ["UTAMA", 7], ["ABADI", 7], ["MAKMUR", 6],
  ["SENTOSA", 6], ["BERKAH", 6], ["SUMBER", 5], ["KARYA", 6], ["SINAR", 5], ["MITRA", 5],
  ["BERSAMA", 5], ["PRIMA", 5], ["MAJU", 5], ["CAHAYA", 4], ["INDAH", 4], ["AGUNG", 4],
  ["BARU", 4], ["PERKASA", 4], ["NUSANTARA", 4], ["PUTRA", 4], ["REJEKI", 3], ["INDONESIA", 3],
  ["GEMILANG", 3], ["LESTARI", 3], ["ANUGERAH", 3], ["MULIA", 3], ["SURYA", 3], ["BINTANG", 3],
  ["MEGA", 3], ["GLOBAL", 3], ["TEKNIK", 3], ["SAKTI", 2], ["INTI", 2], ["DAYA", 2], ["BUANA", 2],
  ["PERDANA", 2], ["ARTHA", 2], ["GRAHA", 2], ["SEJATI", 2], ["SELARAS", 2], ["RAYA", 2],
  ["SARANA", 2], ["CIPTA", 2], ["BANGUN", 2], ["MAS", 2], ["TUNGGAL", 2], ["SUKSES", 2],
];

export const RARE_NAME_WORDS: readonly string[] = [
  "CEMERLANG", "BAHARI", "SAMUDERA", "KENCANA", "WIBAWA", "MAHKOTA", "PERMATA", "MUTIARA",
  "DIRGANTARA", "ANGKASA", "CAKRAWALA", "PELANGI", "RAHARJA", "WIJAYA", "KUSUMA", "PRATAMA",
  "ADIGUNA", "BUMI", "CITRA", "HARAPAN", "HARMONI", "INSAN", "KREASI", "LANGGENG", "LINTAS",
  "MEKAR", "MUDA", "NIAGA", "PILAR", "REKSA", "SATRIA", "SEMESTA", "SINERGI", "SOLUSI",
  "TANGGUH", "TUNAS", "WAHANA", "ASIA", "PASIFIK", "ANDALAN", "AMANAH", "BAROKAH", "BHAKTI",
  "DHARMA", "ERA", "FAJAR", "GARUDA", "HIKMAH", "IKHLAS", "JATI", "KARUNIA", "KHARISMA",
  "LAKSANA", "MANUNGGAL", "NIRWANA", "OMEGA", "PANORAMA", "PUSAKA", "RAHAYU", "RIZKI", "SAHABAT",
  "SANTOSO", "SARI", "SEHATI", "SETIA", "SUBUR", "TAMAN", "TIRTA", "UNGGUL", "USAHA", "WARNA",
  "WIDYA", "YASA", "ZAMRUD", "ARUNA", "BAYU", "CANDRA", "DEWATA", "GUNUNG", "HANDAL", "INDRA",
  "KAHURIPAN", "KARTIKA", "KRAKATAU", "LOKA", "MAJAPAHIT", "MERAPI", "MERBABU", "NAGA", "PADI",
  "PANCAKARSA", "PARAMA", "PRAKARSA", "PURNAMA", "RINJANI", "SAGARA", "SAMPOERNA", "SEGARA",
  "SELATAN", "SENJA", "SRIWIJAYA", "TANJUNG", "TAPANULI", "TELAGA", "TUNGGUL", "UTARA", "WASKITA",
  "WISESA", "YUDHA", "ADHI", "ANTARA", "ARYA", "BAHAGIA", "BENUA", "BHINEKA", "BIRU", "CEMPAKA",
  "DELTA", "DIAN", "ELANG", "FORTUNA", "GADING", "GALAXY", "HIJAU", "INTAN", "JAGAT", "KASIH",
  "KEMILAU", "KOMPAS", "LAUTAN", "MAHARDIKA", "MATAHARI", "MELATI", "MENTARI", "MERDEKA",
  "NUANSA", "PANGESTU", "PELITA", "PERSADA", "PESONA", "PRESTASI", "RAJAWALI", "SAMUDRA",
  "SENTRAL", "SINGGASANA", "TAKTIS", "TERANG", "TRISAKTI", "VISI", "WARISAN", "WIRA",
];

/** Syllable halves of the portmanteau names (INDOTAMA, NUSAPRIMA, MEGATEX): rare by construction. */
export const PORTMANTEAU_HEADS = ["INDO", "NUSA", "MULTI", "ADHI", "SRI", "TRI", "DWI", "MEGA", "BINA", "CIPTA", "KARSA", "GRAHA", "ARTA", "SURYA", "PANCA", "SAPTA", "JAVA", "BORNEO", "SUMATRA", "CELEBES"];
export const PORTMANTEAU_TAILS = ["TAMA", "INDO", "JAYA", "NUSA", "LESTARI", "MAS", "PRIMA", "KARYA", "TECH", "LINK", "MEDIKA", "PLAS", "TEX", "FARMA", "GUNA", "DANA", "LOKA", "PERSADA", "MITRA", "NIAGA", "SARANA", "BUANA"];

// ---------------------------------------------------------------- KBLI 2020

export type KbliSectionLetter = "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J" | "K" | "L" | "M" | "N" | "P" | "Q" | "R" | "S";

/**
 * A handful of real 5-digit KBLI 2020 groups per section, and the words such businesses put in
 * their names. Section shares follow the rough make-up of registered employers (trade first,
 * then manufacturing, food service, construction).
 */
export const KBLI_BY_SECTION: Readonly<Record<KbliSectionLetter, { share: number; codes: readonly string[]; words: readonly string[] }>> = {
  A: { share: 3, codes: ["01111", "01131", "01262", "01461", "01630", "03111", "03221"], words: ["AGRO", "TANI", "PERKEBUNAN", "PERIKANAN", "TERNAK", "AGRINDO"] },
  B: { share: 1, codes: ["05100", "07101", "08101", "08102", "08930"], words: ["TAMBANG", "MINING", "MINERAL", "RESOURCES"] },
  C: { share: 14, codes: ["10110", "10710", "10792", "10793", "11040", "13121", "14111", "15201", "16101", "18111", "22220", "25111", "31001", "10750"], words: ["INDUSTRI", "TEKSTIL", "GARMENT", "PLASTINDO", "FOOD", "MAKANAN", "BAJA", "LOGAM", "KIMIA", "MANUFAKTUR", "PERCETAKAN", "MEBEL"] },
  D: { share: 0.5, codes: ["35101", "35202"], words: ["ENERGI", "POWER", "LISTRIK"] },
  E: { share: 0.5, codes: ["36000", "38110", "38211"], words: ["TIRTA", "LINGKUNGAN", "DAUR ULANG"] },
  F: { share: 9, codes: ["41011", "41012", "42101", "42913", "43211", "43221", "43302"], words: ["KONSTRUKSI", "BANGUNAN", "BETON", "ENGINEERING", "KONTRAKTOR", "INFRASTRUKTUR"] },
  G: { share: 30, codes: ["46100", "46311", "46900", "46599", "47111", "47112", "47190", "47211", "47521", "47711", "47772", "45201", "45401", "47911"], words: ["TRADING", "NIAGA", "DAGANG", "MOTOR", "ELEKTRONIK", "BUSANA", "RETAIL", "DISTRIBUSI", "SUPPLIER", "ELEKTRIK"] },
  H: { share: 5, codes: ["49431", "49421", "52101", "53201", "49221", "50133"], words: ["LOGISTIK", "TRANSPORT", "EKSPEDISI", "TRANS", "CARGO", "EXPRESS"] },
  I: { share: 10, codes: ["56101", "56102", "56103", "55110", "55130", "56210"], words: ["KULINER", "RESTO", "HOTEL", "CATERING", "BOGA", "KAFE"] },
  J: { share: 3, codes: ["62019", "62021", "63111", "58110", "61929", "73100"], words: ["DIGITAL", "TEKNOLOGI", "MEDIA", "INFORMATIKA", "DATA", "SISTEM"] },
  K: { share: 2, codes: ["64141", "64910", "66221", "64951"], words: ["FINANCE", "INVESTAMA", "KAPITAL", "DANA"] },
  L: { share: 2, codes: ["68111", "68200", "68130"], words: ["PROPERTI", "LAND", "REALTY", "GRIYA", "RESIDENCE"] },
  M: { share: 3, codes: ["69101", "70209", "71102", "71201", "74100"], words: ["KONSULTAN", "CONSULTING", "DESAIN", "SURVEI"] },
  N: { share: 5, codes: ["78300", "79111", "80100", "81210", "77100", "82920"], words: ["OUTSOURCING", "TOUR", "TRAVEL", "SECURITY", "RENTAL", "CLEANING"] },
  P: { share: 3, codes: ["85111", "85221", "85499", "85201", "85313"], words: ["EDUKASI", "PENDIDIKAN", "KURSUS", "CENDEKIA"] },
  Q: { share: 3, codes: ["86101", "86201", "86903", "87900", "88101"], words: ["MEDIKA", "HUSADA", "FARMA", "SEHAT", "KLINIK"] },
  R: { share: 1, codes: ["93112", "93292", "90002"], words: ["HIBURAN", "SPORT", "SENI", "REKREASI"] },
  S: { share: 5.5, codes: ["95211", "96111", "96200", "94910", "94990", "96121"], words: ["JASA", "SERVIS", "LAUNDRY", "SALON"] },
};

export const KBLI_SECTION_CHOICE = new Weighted(
  (Object.keys(KBLI_BY_SECTION) as KbliSectionLetter[]).map((section) => [section, KBLI_BY_SECTION[section].share] as const),
);

/** Shops and stalls run by a person, named by what they are, with the KBLI that goes with it. */
export const SOLE_PROPRIETOR_KINDS: readonly { word: string; kbli: readonly string[] }[] = [
  { word: "TOKO", kbli: ["47111", "47190", "47711", "47521"] },
  { word: "TOKO BANGUNAN", kbli: ["47521"] },
  { word: "RM", kbli: ["56101"] },
  { word: "RUMAH MAKAN", kbli: ["56101"] },
  { word: "WARUNG", kbli: ["56102", "47111"] },
  { word: "BENGKEL", kbli: ["45201", "45401"] },
  { word: "APOTEK", kbli: ["47772"] },
  { word: "KLINIK", kbli: ["86201"] },
  { word: "SALON", kbli: ["96121"] },
  { word: "LAUNDRY", kbli: ["96200"] },
  { word: "KONVEKSI", kbli: ["14111"] },
  { word: "PERCETAKAN", kbli: ["18111"] },
  { word: "BAKERY", kbli: ["10710"] },
  { word: "MEBEL", kbli: ["31001"] },
];

export const COOPERATIVE_KINDS: readonly { words: string; short: string | null; kbli: readonly string[] }[] = [
  { words: "SIMPAN PINJAM", short: "KSP", kbli: ["64141", "64951"] },
  { words: "SERBA USAHA", short: "KSU", kbli: ["46900", "47111"] },
  { words: "KARYAWAN", short: null, kbli: ["47111", "64951"] },
  { words: "UNIT DESA", short: "KUD", kbli: ["46311", "01111"] },
  { words: "PRODUSEN", short: null, kbli: ["10792", "01461"] },
  { words: "PEGAWAI REPUBLIK INDONESIA", short: "KPRI", kbli: ["64951"] },
];

export const FOUNDATION_KINDS: readonly { words: string; kbli: readonly string[]; names: "islamic" | "christian" | "general" }[] = [
  { words: "PENDIDIKAN", kbli: ["85111", "85201", "85221"], names: "general" },
  { words: "PENDIDIKAN ISLAM", kbli: ["85111", "85201"], names: "islamic" },
  { words: "PENDIDIKAN KRISTEN", kbli: ["85111", "85201"], names: "christian" },
  { words: "KESEHATAN", kbli: ["86101", "86201"], names: "general" },
  { words: "SOSIAL", kbli: ["88101", "94990"], names: "general" },
  { words: "", kbli: ["94910", "85499"], names: "islamic" },
  { words: "", kbli: ["94990", "85499"], names: "general" },
];

export const FOUNDATION_NAMES: Readonly<Record<"islamic" | "christian" | "general", readonly string[]>> = {
  islamic: [
    "AL-IKHLAS", "AL-HIDAYAH", "NURUL IMAN", "DARUL ULUM", "BAITURRAHMAN", "AL-FALAH", "NURUL HUDA", "MIFTAHUL JANNAH",
    "AL-MUHAJIRIN", "ASY-SYIFA", "AL-KAUTSAR", "AL-AMANAH", "DARUSSALAM", "NURUL FALAH", "AL-MA’RUF", "RAUDHATUL JANNAH",
  ],
  christian: ["SANTA MARIA", "SANTO YUSUP", "KRISTEN PENABUR", "BETHEL", "IMMANUEL", "KASIH KARUNIA", "SANTA URSULA", "TRI MURNI"],
  general: [
    "BINA INSANI", "TUNAS BANGSA", "KASIH BUNDA", "BUDI MULIA", "TRISULA", "PELITA HARAPAN", "BHAKTI HUSADA", "DHARMA BHAKTI",
    "CAHAYA BANGSA", "BINA NUSANTARA", "TUNAS HARAPAN", "PERMATA HATI", "MITRA KELUARGA", "HARAPAN BUNDA",
  ],
};

/** KBLI 2020 titles of the codes above, for the "46900 - …" form AHU's Jenis Usaha column takes. */
export const KBLI_TITLES: Readonly<Record<string, string>> = {
  "01111": "Pertanian Jagung", "01131": "Pertanian Hortikultura Sayuran Daun", "01262": "Perkebunan Buah Kelapa Sawit",
  "01461": "Budidaya Ayam Ras Pedaging", "01630": "Aktivitas Pascapanen", "03111": "Penangkapan Ikan di Laut",
  "03221": "Pembesaran Ikan Air Tawar", "05100": "Pertambangan Batu Bara", "07101": "Pertambangan Pasir Besi",
  "08101": "Penggalian Batu Hias dan Batu Bangunan", "08102": "Penggalian Batu Kapur/Gamping", "08930": "Ekstraksi Garam",
  "10110": "Kegiatan Rumah Potong dan Pengepakan Daging Bukan Unggas", "10710": "Industri Produk Roti dan Kue",
  "10792": "Industri Kue-Kue Basah", "10793": "Industri Makanan dari Kedele dan Kacang-Kacangan Lainnya",
  "11040": "Industri Minuman Ringan", "13121": "Industri Pertenunan (Bukan Pertenunan Karung Goni)",
  "14111": "Industri Pakaian Jadi (Konveksi) dari Tekstil", "15201": "Industri Alas Kaki untuk Keperluan Sehari-hari",
  "16101": "Industri Penggergajian Kayu", "18111": "Industri Pencetakan Umum", "22220": "Industri Barang dari Plastik untuk Pengemasan",
  "25111": "Industri Barang dari Logam untuk Bangunan", "31001": "Industri Furnitur dari Kayu", "10750": "Industri Makanan dan Masakan Olahan",
  "35101": "Pembangkitan Tenaga Listrik", "35202": "Pengadaan Gas Alam dan Buatan", "36000": "Treatment dan Penyediaan Air",
  "38110": "Pengumpulan Limbah dan Sampah Tidak Berbahaya", "38211": "Treatment dan Pembuangan Limbah Tidak Berbahaya",
  "41011": "Konstruksi Gedung Hunian", "41012": "Konstruksi Gedung Perkantoran", "42101": "Konstruksi Bangunan Sipil Jalan",
  "42913": "Konstruksi Jaringan Irigasi", "43211": "Instalasi Listrik", "43221": "Instalasi Saluran Air (Plambing)",
  "43302": "Pengerjaan Lantai, Dinding, Peralatan Saniter dan Plafon", "46100": "Perdagangan Besar atas Dasar Balas Jasa (Fee) atau Kontrak",
  "46311": "Perdagangan Besar Beras", "46900": "Perdagangan Besar Berbagai Macam Barang", "46599": "Perdagangan Besar Mesin, Peralatan dan Perlengkapan Lainnya",
  "47111": "Perdagangan Eceran Minimarket/Supermarket/Hypermarket", "47112": "Perdagangan Eceran Toko Kelontong",
  "47190": "Perdagangan Eceran Berbagai Macam Barang Lainnya", "47211": "Perdagangan Eceran Padi dan Palawija",
  "47521": "Perdagangan Eceran Barang Logam untuk Bahan Konstruksi", "47711": "Perdagangan Eceran Pakaian",
  "47772": "Perdagangan Eceran Obat di Apotek", "45201": "Reparasi Mobil", "45401": "Perdagangan Besar dan Eceran Sepeda Motor Baru",
  "47911": "Perdagangan Eceran Melalui Media untuk Komoditi Makanan", "49431": "Angkutan Bermotor untuk Barang Umum",
  "49421": "Angkutan Taksi", "52101": "Pergudangan dan Penyimpanan", "53201": "Aktivitas Kurir", "49221": "Angkutan Bus Pariwisata",
  "50133": "Angkutan Laut Dalam Negeri Liner untuk Penumpang", "56101": "Restoran", "56102": "Warung Makan", "56103": "Kedai Makanan",
  "55110": "Hotel Bintang", "55130": "Hotel Melati", "56210": "Jasa Boga untuk Suatu Event Tertentu (Event Catering)",
  "62019": "Aktivitas Pemrograman Komputer Lainnya", "62021": "Aktivitas Konsultasi Keamanan Informasi", "63111": "Aktivitas Pengolahan Data",
  "58110": "Penerbitan Buku", "61929": "Aktivitas Telekomunikasi Tanpa Kabel Lainnya", "73100": "Periklanan",
  "64141": "Bank Perkreditan Rakyat Konvensional", "64910": "Sewa Guna Usaha dengan Hak Opsi", "66221": "Aktivitas Agen Asuransi",
  "64951": "Koperasi Simpan Pinjam", "68111": "Real Estat yang Dimiliki Sendiri atau Disewa", "68200": "Real Estat atas Dasar Balas Jasa (Fee) atau Kontrak",
  "68130": "Kawasan Pariwisata", "69101": "Aktivitas Pengacara", "69201": "Aktivitas Akuntansi, Pembukuan dan Pemeriksa",
  "70209": "Aktivitas Konsultasi Manajemen Lainnya", "71102": "Aktivitas Keinsinyuran dan Konsultasi Teknis YBDI", "71201": "Analisis dan Uji Teknis",
  "74100": "Aktivitas Perancangan Khusus", "78300": "Penyediaan Sumber Daya Manusia dan Manajemen Fungsi Sumber Daya Manusia",
  "79111": "Aktivitas Agen Perjalanan Wisata", "80100": "Aktivitas Keamanan Swasta", "81210": "Aktivitas Kebersihan Umum Bangunan",
  "77100": "Aktivitas Penyewaan dan Sewa Guna Usaha Tanpa Hak Opsi Mobil, Bus, Truk dan Sejenisnya", "82920": "Aktivitas Pengepakan",
  "85111": "Pendidikan TK", "85221": "Pendidikan Menengah Kejuruan Swasta", "85499": "Pendidikan Lainnya Swasta", "85201": "Pendidikan Sekolah Dasar Swasta",
  "85313": "Pendidikan Tinggi Swasta", "86101": "Aktivitas Rumah Sakit Swasta", "86201": "Aktivitas Klinik Swasta",
  "86903": "Aktivitas Laboratorium Klinik", "87900": "Aktivitas Sosial Lainnya di Dalam Panti", "88101": "Aktivitas Sosial Tanpa Akomodasi untuk Lansia",
  "93112": "Kolam Renang", "93292": "Taman Rekreasi", "90002": "Aktivitas Penunjang Hiburan", "95211": "Reparasi Alat-Alat Elektronik",
  "96111": "Aktivitas Pangkas Rambut", "96200": "Aktivitas Binatu (Laundry)", "94910": "Kegiatan Organisasi Keagamaan",
  "94990": "Kegiatan Organisasi Lainnya", "96121": "Aktivitas Salon Kecantikan",
};

/** Foreign participants (passport, NIORA, KITAS instead of a NIK). */
export const FOREIGN_NAMES = [
  "TANAKA HIROSHI", "SATO KENJI", "LEE JAE WON", "KIM MIN JUN", "CHEN WEI", "WANG LEI", "JOHN SMITH", "DAVID BROWN",
  "NGUYEN VAN MINH", "RAJESH KUMAR", "MICHAEL MUELLER", "PIERRE DUBOIS", "LIM BOON HOCK", "TAN AH KOW", "PARK JI HOON",
];

// ---------------------------------------------------------------- addresses

/** Street names every Indonesian town has (heroes, dates, flowers, regions). */
export const STREET_NAMES = [
  "Jend. Sudirman", "Ahmad Yani", "Diponegoro", "Gatot Subroto", "Pahlawan", "Merdeka",
  "Veteran", "Gajah Mada", "Hayam Wuruk", "Imam Bonjol", "Kartini", "Pemuda", "Raya", "Sisingamangaraja",
  "Sultan Agung", "Teuku Umar", "Cut Nyak Dien", "Dr. Wahidin", "HOS Cokroaminoto", "KH. Hasyim Ashari",
  "Pattimura", "Basuki Rahmat", "Mawar", "Melati", "Anggrek", "Kenanga", "Flamboyan", "Cempaka",
  "Asia Afrika", "Dago", "Soekarno-Hatta", "Siliwangi", "Pasir Kaliki", "Setiabudi", "Buah Batu",
  "Cihampelas", "Tunjungan", "Darmo", "Rungkut Industri", "Kertajaya", "Kenjeran", "Ngagel",
  "Margonda Raya", "Industri", "Pembangunan", "Kebon Jeruk", "Mangga Dua", "Hasanuddin",
  "Slamet Riyadi", "Malioboro", "Urip Sumoharjo", "Panglima Polim", "Pangeran Antasari",
  "MH. Thamrin", "RE. Martadinata", "Yos Sudarso", "Kapten Tendean", "Letjen Suprapto",
  "Pasar Baru", "Stasiun", "Pelabuhan", "Lingkar Selatan", "Kawasan Industri", "Perintis Kemerdekaan",
];

export const STREET_PREFIXES = ["Jl.", "Jl.", "Jl.", "Jl.", "Jalan", "JL.", "Jln.", "Gg.", "Komp.", "Perum."];

export const BUILDING_PREFIXES = ["Ruko", "Komplek Ruko", "Gedung", "Kawasan Industri", "Pergudangan", "Perumahan", "Graha"];

// ---------------------------------------------------------------- officers, segments

export const PT_POSITIONS = ["DIREKTUR UTAMA", "DIREKTUR", "KOMISARIS UTAMA", "KOMISARIS"] as const;
export const CV_POSITIONS = ["SEKUTU AKTIF", "SEKUTU KOMANDITER"] as const;
export const FIRMA_POSITIONS = ["SEKUTU", "SEKUTU AKTIF"] as const;

/** How registries spell the positions (canonical first, most common). */
export const POSITION_SPELLINGS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  "DIREKTUR UTAMA": [["DIREKTUR UTAMA", 80], ["Direktur Utama", 10], ["DIRUT", 5], ["PRESIDEN DIREKTUR", 5]],
  DIREKTUR: [["DIREKTUR", 85], ["Direktur", 10], ["ANGGOTA DIREKSI", 5]],
  "KOMISARIS UTAMA": [["KOMISARIS UTAMA", 85], ["Komisaris Utama", 10], ["PRESIDEN KOMISARIS", 5]],
  KOMISARIS: [["KOMISARIS", 85], ["Komisaris", 10], ["ANGGOTA DEWAN KOMISARIS", 5]],
  "SEKUTU AKTIF": [["SEKUTU AKTIF", 60], ["Sekutu Aktif", 10], ["SEKUTU KOMPLEMENTER", 15], ["PESERO AKTIF", 15]],
  "SEKUTU KOMANDITER": [["SEKUTU KOMANDITER", 50], ["SEKUTU PASIF", 30], ["Sekutu Pasif", 5], ["PESERO KOMANDITER", 15]],
  SEKUTU: [["SEKUTU", 85], ["Sekutu", 15]],
};

// ---------------------------------------------------------------- workers (kemnaker-tk)

/** Jabatan as WLKP lists them: mostly operational posts, a few supervisors and managers. */
export const WORKER_POSITIONS: readonly (readonly [string, number])[] = [
  ["Operator Produksi", 18], ["Staf Administrasi", 12], ["Tenaga Penjual", 9], ["Kasir", 6], ["Pelayan", 5],
  ["Juru Masak", 4], ["Sopir", 5], ["Satpam", 4], ["Teknisi", 6], ["Helper", 6], ["Kurir", 4],
  ["Staf Gudang", 5], ["Staf Keuangan", 3], ["Supervisor", 4], ["Manajer", 2], ["Mandor", 2],
  ["Tukang", 3], ["Petugas Kebersihan", 3], ["Customer Service", 2], ["Staf IT", 1], ["Quality Control", 2],
];

/**
 * Status Hubungan Kerja (UU 13/2003 as amended): permanent (PKWTT), fixed-term (PKWT), daily and
 * piece-rate work, in the spellings WLKP exports carry.
 */
export const EMPLOYMENT_STATUS_SPELLINGS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  PKWTT: [["PKWTT", 55], ["Tetap", 20], ["PKWTT (Tetap)", 15], ["TETAP", 10]],
  PKWT: [["PKWT", 55], ["Kontrak", 25], ["PKWT (Kontrak)", 10], ["KONTRAK", 10]],
  HARIAN_LEPAS: [["Harian Lepas", 60], ["HARIAN LEPAS", 25], ["Pekerja Harian Lepas", 15]],
  BORONGAN: [["Borongan", 70], ["BORONGAN", 30]],
};

/** JKN segments (Lampiran II.2): PBI JK, PBPU Pemda, PPU PN, PPU BU, PBPU, BP. */
export const JKN_SEGMENTS = ["PBI JK", "PBPU Pemda", "PPU PN", "PPU BU", "PBPU", "BP"] as const;
export type JknSegment = (typeof JKN_SEGMENTS)[number];

// ---------------------------------------------------------------- phone area codes

/** Landline area codes of the big cities; other regencies use their province's main code. */
export const AREA_CODE_BY_REGENCY: Readonly<Record<string, string>> = {
  "32.73": "022", "32.04": "022", "32.17": "022", "32.77": "022", "35.78": "031", "35.15": "031",
  "35.25": "031", "33.74": "024", "34.71": "0274", "34.04": "0274", "12.71": "061", "73.71": "0411",
  "51.71": "0361", "51.03": "0361", "16.71": "0711", "32.71": "0251", "32.01": "021", "32.76": "021",
  "32.75": "021", "32.16": "021", "36.71": "021", "36.74": "021", "36.03": "021", "35.73": "0341",
  "35.07": "0341", "33.72": "0271", "32.74": "0231", "32.72": "0266", "14.71": "0761", "13.71": "0751",
  "64.71": "0542", "64.72": "0541", "63.71": "0511", "61.71": "0561", "71.71": "0431", "18.71": "0721",
  "21.71": "0778", "15.71": "0741", "52.71": "0370", "53.71": "0380", "36.72": "0254", "36.73": "0254",
};

export const AREA_CODE_BY_PROVINCE: Readonly<Record<string, string>> = {
  "11": "0651", "12": "061", "13": "0751", "14": "0761", "15": "0741", "16": "0711", "17": "0736",
  "18": "0721", "19": "0717", "21": "0778", "31": "021", "32": "022", "33": "024", "34": "0274",
  "35": "031", "36": "0254", "51": "0361", "52": "0370", "53": "0380", "61": "0561", "62": "0536",
  "63": "0511", "64": "0541", "65": "0552", "71": "0431", "72": "0451", "73": "0411", "74": "0401",
  "75": "0435", "76": "0426", "81": "0911", "82": "0921", "91": "0967", "92": "0986", "93": "0971",
  "94": "0984", "95": "0969", "96": "0951",
};

/** Mobile prefixes of Telkomsel, Indosat, XL, Tri, Smartfren. */
export const MOBILE_PREFIXES = [
  "0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0851", "0814", "0815", "0816",
  "0855", "0856", "0857", "0858", "0817", "0818", "0819", "0859", "0877", "0878", "0831", "0832",
  "0838", "0895", "0896", "0897", "0898", "0899", "0881", "0882", "0887", "0888",
];

// ---------------------------------------------------------------- postcodes

/**
 * First two digits of postcodes by province (Pos Indonesia's regions), so a generated postcode
 * looks like its place: Bandung 40xxx, Surabaya 60xxx, Jakarta 10xxx–14xxx.
 */
export const POSTCODE_PREFIXES: Readonly<Record<string, readonly number[]>> = {
  "11": [23, 24], "12": [20, 21, 22], "13": [25, 26, 27], "14": [28], "15": [36, 37], "16": [30, 31, 32],
  "17": [38, 39], "18": [34, 35], "19": [33], "21": [29], "31": [10, 11, 12, 13, 14], "32": [16, 17, 40, 41, 43, 44, 45, 46],
  "33": [50, 51, 52, 53, 54, 56, 57, 58, 59], "34": [55], "35": [60, 61, 62, 63, 64, 65, 66, 67, 68, 69], "36": [15, 42],
  "51": [80, 81, 82], "52": [83, 84], "53": [85, 86, 87], "61": [78, 79], "62": [73, 74], "63": [70, 71, 72],
  "64": [75, 76], "65": [77], "71": [95], "72": [94], "73": [90, 91, 92], "74": [93], "75": [96], "76": [91],
  "81": [97], "82": [97], "91": [99], "92": [98], "93": [99], "94": [98], "95": [99], "96": [98],
};

/** City prefixes that are well known enough to get right. */
export const POSTCODE_PREFIX_BY_REGENCY: Readonly<Record<string, number>> = {
  "32.73": 40, "35.78": 60, "33.74": 50, "34.71": 55, "12.71": 20, "73.71": 90, "51.71": 80,
  "31.71": 10, "31.72": 14, "31.73": 11, "31.74": 12, "31.75": 13,
};

// ---------------------------------------------------------------- email

export const PERSONAL_EMAIL_DOMAINS = new Weighted([
  ["gmail.com", 70], ["yahoo.com", 12], ["yahoo.co.id", 8], ["hotmail.com", 3], ["outlook.com", 2], ["ymail.com", 2], ["rocketmail.com", 1],
] as const);
export const COMPANY_EMAIL_SUFFIXES = new Weighted([["co.id", 50], ["com", 35], ["id", 8], ["net", 4], ["or.id", 3]] as const);
export const COMPANY_EMAIL_LOCALS = ["info", "admin", "marketing", "hrd", "office", "cs", "finance", "sales", "kontak", "personalia"];
