/**
 * The role × route matrix: every page, route handler and server action of the app, with the
 * roles that may use it written out by hand. The roles are NOT computed from the permission:
 * a row says what the product wants ("only admins manage users"), and the tests check that the
 * code's permission grants exactly that — so a wrong permission in a file, or a change to the
 * permission map, fails a test instead of quietly opening a door.
 *
 * - tests/unit/route-matrix.test.ts: every page.tsx / route.ts under app/ and every export of a
 *   "use server" module has exactly one row (and every row points to something that exists);
 *   pages and handlers call the guard with the row's permission; actions' `.permission` grants
 *   exactly the row's roles.
 * - e2e/route-matrix.spec.ts: requests every page and handler as each role (allowed → 200,
 *   otherwise 403) and without a session (→ /masuk); partner-key handlers → 401 either way.
 *
 * Adding a route or an action means adding its row here.
 */
import type { Permission, Role } from "../../lib/permissions.ts";

export type Access =
  /** Anyone, signed in or not (the sign-in page, next-auth's own endpoints). */
  | { kind: "public" }
  /** Any signed-in user whatever the role (requireActor); no session → /masuk. */
  | { kind: "signed-in" }
  /** requirePermission(permission): exactly `roles` get in; others 403; no session → /masuk. */
  | { kind: "permission"; permission: Permission; roles: readonly Role[] }
  /**
   * The partner web service: requirePartnerKey(request, source) — an API key in
   * `Authorization: Bearer`, never a session. Without a key every caller gets 401, signed in or not.
   */
  | { kind: "partner-key" };

interface RouteRowBase {
  /** The file under app/, e.g. "(app)/prospek/[id]/page.tsx". */
  file: string;
  /** A URL to request: dynamic segments filled with a sample value. */
  path: string;
  access: Access;
  /** Statuses an allowed caller may get (default [200]); e.g. 404 for a sample id that names nothing. */
  allowedStatuses?: readonly number[];
}

export interface PageRow extends RouteRowBase {
  kind: "page";
}

export interface RouteHandlerRow extends RouteRowBase {
  kind: "route";
  /** Methods the file exports (GET, POST, …). */
  methods: readonly string[];
}

export interface ServerActionRow {
  kind: "action";
  /** The "use server" module, from the repository root, e.g. "app/(app)/pengguna/actions.ts". */
  module: string;
  /** The exported action's name. */
  exportName: string;
  /** The permission its `.permission` must be, and the roles that permission must grant. */
  access: Extract<Access, { kind: "permission" }>;
}

export type MatrixRow = PageRow | RouteHandlerRow | ServerActionRow;

/** A sample id for dynamic segments: well-formed, naming nothing. */
export const SAMPLE_ID = "00000000-0000-4000-8000-000000000000";

const can = (permission: Permission, roles: readonly Role[]) => ({ kind: "permission", permission, roles }) as const;

/** Rows for several actions of one module that share one access rule. */
const actions = (module: string, access: ServerActionRow["access"], exportNames: readonly string[]): ServerActionRow[] =>
  exportNames.map((exportName) => ({ kind: "action", module, exportName, access }));

export const ROUTE_MATRIX: readonly MatrixRow[] = [
  // ── Pages ─────────────────────────────────────────────────────────────────────────────────
  { kind: "page", file: "masuk/page.tsx", path: "/masuk", access: { kind: "public" } },
  // Sends each signed-in user to their role's first page.
  { kind: "page", file: "(app)/page.tsx", path: "/", access: { kind: "signed-in" } },
  { kind: "page", file: "(app)/prospek/page.tsx", path: "/prospek", access: can("leads.read", ["ADMIN", "SUPERVISOR", "OFFICER"]) },
  {
    kind: "page",
    file: "(app)/prospek/[id]/page.tsx",
    path: `/prospek/${SAMPLE_ID}`,
    access: can("leads.read", ["ADMIN", "SUPERVISOR", "OFFICER"]),
    // The sample names no lead: allowed roles may get "not found"; the others must get 403 first.
    allowedStatuses: [200, 404],
  },
  {
    kind: "route",
    file: "(app)/prospek/wilayah/route.ts",
    path: "/prospek/wilayah",
    methods: ["GET"],
    access: can("leads.read", ["ADMIN", "SUPERVISOR", "OFFICER"]),
  },
  { kind: "page", file: "(app)/tindak-lanjut/page.tsx", path: "/tindak-lanjut", access: can("followup.read", ["ADMIN", "SUPERVISOR", "OFFICER"]) },
  { kind: "page", file: "(app)/dasbor/page.tsx", path: "/dasbor", access: can("dashboard.read", ["ADMIN", "SUPERVISOR"]) },
  { kind: "page", file: "(app)/laporan/page.tsx", path: "/laporan", access: can("reports.monev", ["ADMIN", "SUPERVISOR"]) },
  { kind: "page", file: "(app)/tinjauan/page.tsx", path: "/tinjauan", access: can("matches.review", ["ADMIN", "SUPERVISOR"]) },
  { kind: "page", file: "(app)/impor/page.tsx", path: "/impor", access: can("imports.manage", ["ADMIN"]) },
  { kind: "page", file: "(app)/impor/sftp/page.tsx", path: "/impor/sftp", access: can("imports.manage", ["ADMIN"]) },
  { kind: "page", file: "(app)/impor/kunci-api/page.tsx", path: "/impor/kunci-api", access: can("imports.manage", ["ADMIN"]) },
  { kind: "page", file: "(app)/balikan/page.tsx", path: "/balikan", access: can("balikan.manage", ["ADMIN"]) },
  { kind: "page", file: "(app)/perjanjian/page.tsx", path: "/perjanjian", access: can("agreements.manage", ["ADMIN"]) },
  { kind: "page", file: "(app)/pengguna/page.tsx", path: "/pengguna", access: can("users.manage", ["ADMIN"]) },
  { kind: "page", file: "(app)/pengguna/pengambilan-prospek/page.tsx", path: "/pengguna/pengambilan-prospek", access: can("users.manage", ["ADMIN"]) },
  { kind: "page", file: "(app)/audit/page.tsx", path: "/audit", access: can("audit.read", ["ADMIN", "AUDITOR"]) },
  // One's own account: every role; open even while a forced password change or enrolment is pending.
  { kind: "page", file: "akun/keamanan/page.tsx", path: "/akun/keamanan", access: can("account.self", ["ADMIN", "SUPERVISOR", "OFFICER", "AUDITOR"]) },
  { kind: "page", file: "akun/kata-sandi/page.tsx", path: "/akun/kata-sandi", access: can("account.self", ["ADMIN", "SUPERVISOR", "OFFICER", "AUDITOR"]) },
  { kind: "page", file: "akun/pemberitahuan/page.tsx", path: "/akun/pemberitahuan", access: can("account.self", ["ADMIN", "SUPERVISOR", "OFFICER", "AUDITOR"]) },

  // ── Route handlers ────────────────────────────────────────────────────────────────────────
  // next-auth's endpoints authenticate and grant nothing; /api/auth/session is a harmless GET.
  { kind: "route", file: "api/auth/[...nextauth]/route.ts", path: "/api/auth/session", methods: ["GET", "POST"], access: { kind: "public" } },
  {
    kind: "route",
    file: "(app)/balikan/unduh/[deliveryId]/route.ts",
    path: `/balikan/unduh/${SAMPLE_ID}`,
    methods: ["GET"],
    access: can("balikan.manage", ["ADMIN"]),
    allowedStatuses: [404],
  },
  // One chart's table of the coverage dashboard as CSV (the funnel always has one).
  {
    kind: "route",
    file: "(app)/dasbor/unduh/route.ts",
    path: "/dasbor/unduh?grafik=corong",
    methods: ["GET"],
    access: can("dashboard.read", ["ADMIN", "SUPERVISOR"]),
  },
  // The yearly monev report as PDF or XLSX, inside the caller's regions.
  {
    kind: "route",
    file: "(app)/laporan/unduh/route.ts",
    path: "/laporan/unduh?mitra=ahu&tahun=2026&format=xlsx",
    methods: ["GET"],
    access: can("reports.monev", ["ADMIN", "SUPERVISOR"]),
  },
  { kind: "route", file: "(app)/audit/ekspor/route.ts", path: "/audit/ekspor", methods: ["GET"], access: can("audit.export", ["ADMIN", "AUDITOR"]) },
  // Lead exports: the file, streamed, and the export dialog's row count (officers and admins).
  { kind: "route", file: "(app)/prospek/ekspor/route.ts", path: "/prospek/ekspor", methods: ["GET"], access: can("leads.export", ["ADMIN", "OFFICER"]) },
  {
    kind: "route",
    file: "(app)/prospek/ekspor/jumlah/route.ts",
    path: "/prospek/ekspor/jumlah",
    methods: ["GET"],
    access: can("leads.export", ["ADMIN", "OFFICER"]),
  },
  // One business's workers not registered under it, NIKs in clear (the sample names no lead: 404).
  {
    kind: "route",
    file: "(app)/prospek/[id]/pekerja/ekspor/route.ts",
    path: `/prospek/${SAMPLE_ID}/pekerja/ekspor`,
    methods: ["GET"],
    access: can("leads.export", ["ADMIN", "OFFICER"]),
    allowedStatuses: [404],
  },
  // Impor Data: the upload (POST only; the e2e walk posts nothing, so an admin gets 400 for the
  // missing source), the job's progress and the reject report (samples name nothing: 404).
  {
    kind: "route",
    file: "(app)/impor/unggah/route.ts",
    path: "/impor/unggah",
    methods: ["POST"],
    access: can("imports.manage", ["ADMIN"]),
    allowedStatuses: [400],
  },
  {
    kind: "route",
    file: "(app)/impor/status/[jobId]/route.ts",
    path: `/impor/status/${SAMPLE_ID}`,
    methods: ["GET"],
    access: can("imports.manage", ["ADMIN"]),
    allowedStatuses: [404],
  },
  // The recent entity-resolution runs the import page polls.
  { kind: "route", file: "(app)/impor/pencocokan/route.ts", path: "/impor/pencocokan", methods: ["GET"], access: can("imports.manage", ["ADMIN"]) },
  { kind: "route", file: "(app)/impor/pekerjaan/route.ts", path: "/impor/pekerjaan", methods: ["GET"], access: can("imports.manage", ["ADMIN"]) },
  {
    kind: "route",
    file: "(app)/impor/laporan/[batchId]/route.ts",
    path: `/impor/laporan/${SAMPLE_ID}`,
    methods: ["GET"],
    access: can("imports.manage", ["ADMIN"]),
    allowedStatuses: [404],
  },

  // Partner web service: API keys, not sessions (requirePartnerKey); its OpenAPI document is public.
  {
    kind: "route",
    file: "api/v1/partners/[source]/records/route.ts",
    path: "/api/v1/partners/kemnaker-bu/records",
    methods: ["POST"],
    access: { kind: "partner-key" },
  },
  {
    kind: "route",
    file: "api/v1/partners/[source]/records/[jobId]/route.ts",
    path: "/api/v1/partners/kemnaker-bu/records/00000000-0000-4000-8000-000000000000",
    methods: ["GET"],
    access: { kind: "partner-key" },
  },
  {
    kind: "route",
    file: "api/v1/partners/[source]/status/route.ts",
    path: "/api/v1/partners/ahu/status",
    methods: ["POST"],
    access: { kind: "partner-key" },
  },
  { kind: "route", file: "api/v1/openapi.json/route.ts", path: "/api/v1/openapi.json", methods: ["GET"], access: { kind: "public" } },
  // For the load balancer and monitoring: no session; says nothing personal or secret.
  { kind: "route", file: "api/health/route.ts", path: "/api/health", methods: ["GET"], access: { kind: "public" } },
  // Where the serving layer sends malformed requests (audited 400); asked for directly, it is not there.
  {
    kind: "route",
    file: "api/permintaan-cacat/route.ts",
    path: "/api/permintaan-cacat",
    methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    access: { kind: "public" },
    allowedStatuses: [404],
  },

  // ── Server actions ────────────────────────────────────────────────────────────────────────
  ...actions("app/(app)/pengguna/actions.ts", can("users.manage", ["ADMIN"]), [
    "createUserAction",
    "updateUserAction",
    "setUserActiveAction",
    "resetUserPasswordAction",
    "unlockUserAction",
    // Removes a user's authenticator (lost phone and recovery codes) and ends their sessions.
    "resetUserSecondFactorAction",
    // The region picker's search: only the user form needs it, so only admins may call it.
    "searchAssignableRegionsAction",
  ]),
  // The signed-in user's own account: enrolment, password change, "Konfirmasi identitas".
  ...actions("app/akun/actions.ts", can("account.self", ["ADMIN", "SUPERVISOR", "OFFICER", "AUDITOR"]), [
    "confirmTotpEnrolmentAction",
    "disableOwnSecondFactorAction",
    "changeOwnPasswordAction",
    "reauthenticateAction",
    // The inbox: one's own notices and the address they are mailed to.
    "openNotificationAction",
    "markAllNotificationsReadAction",
    "setNotifyEmailAction",
  ]),
  // The review queue's verdict on a grey-zone pair (region-scoped inside the use case).
  ...actions("app/(app)/prospek/actions.ts", can("leads.read", ["ADMIN", "SUPERVISOR", "OFFICER"]), ["saveLeadViewAction", "deleteLeadViewAction", "sealLeadSearchAction"]),
  ...actions("app/(app)/tinjauan/actions.ts", can("matches.review", ["ADMIN", "SUPERVISOR"]), ["decideReviewAction"]),
  // Lead detail: the audited "Tampilkan" of one lead's personal data (region-scoped in the use case).
  ...actions("app/(app)/prospek/[id]/actions.ts", can("personal_data.reveal", ["ADMIN", "SUPERVISOR", "OFFICER"]), ["revealPersonalDataAction"]),
  // Admins hold every permission; the use case takes leads for officers only.
  ...actions("app/(app)/prospek/[id]/actions.ts", can("leads.take", ["ADMIN", "OFFICER"]), ["takeLeadAction"]),
  ...actions("app/(app)/pengguna/pengambilan-prospek/actions.ts", can("users.manage", ["ADMIN"]), ["setLeadTakeRegionAction"]),
  // Follow-up: officers (and admins) record activities; supervisors (and admins) assign leads.
  ...actions("app/(app)/tindak-lanjut/actions.ts", can("followup.write", ["ADMIN", "OFFICER"]), ["recordActivityAction", "recordActivityOnLeadsAction"]),
  ...actions("app/(app)/tindak-lanjut/actions.ts", can("leads.assign", ["ADMIN", "SUPERVISOR"]), ["assignLeadsAction", "previewAssignmentAction"]),
  ...actions("app/(app)/impor/kunci-api/actions.ts", can("imports.manage", ["ADMIN"]), ["createPartnerApiKeyAction", "revokePartnerApiKeyAction"]),
  ...actions("app/(app)/impor/pencocokan/actions.ts", can("imports.manage", ["ADMIN"]), ["startFullMatchAction"]),
  ...actions("app/(app)/dasbor/actions.ts", can("imports.manage", ["ADMIN"]), ["refreshCoverageAction"]),
  ...actions("app/(app)/impor/pekerjaan/actions.ts", can("imports.manage", ["ADMIN"]), ["cancelJobAction", "retryJobAction"]),
  ...actions("app/(app)/impor/sftp/actions.ts", can("imports.manage", ["ADMIN"]), [
    "createSftpEndpointAction",
    "updateSftpEndpointAction",
    "setSftpEndpointActiveAction",
    "testSftpConnectionAction",
    "pullSftpEndpointAction",
  ]),
  // The partner agreements' terms and contacts, corrected from the signed copies.
  ...actions("app/(app)/perjanjian/actions.ts", can("agreements.manage", ["ADMIN"]), ["updateAgreementAction"]),
  ...actions("app/(app)/balikan/actions.ts", can("balikan.manage", ["ADMIN"]), [
    "generateBalikanAction",
    "pushBalikanAction",
    "setBalikanTargetAction",
    "checkBalikanPasswordAction",
  ]),
];

export const PAGE_ROWS = ROUTE_MATRIX.filter((row): row is PageRow => row.kind === "page");
export const ROUTE_HANDLER_ROWS = ROUTE_MATRIX.filter((row): row is RouteHandlerRow => row.kind === "route");
export const SERVER_ACTION_ROWS = ROUTE_MATRIX.filter((row): row is ServerActionRow => row.kind === "action");

/**
 * What a role gets from a page or handler row: in, or refused with 403. Public/signed-in: in.
 * Partner-key rows: a session opens nothing (only a key does; they answer 401).
 */
export function roleMayUse(access: Access, role: Role): boolean {
  if (access.kind === "partner-key") return false;
  return access.kind !== "permission" || access.roles.includes(role);
}
