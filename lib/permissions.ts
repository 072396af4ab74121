/**
 * The one permission map. Every page, route handler and server action asks the guard
 * (server/access/guard.ts) for one of these; nothing checks roles directly.
 */
export const ROLES = ["ADMIN", "SUPERVISOR", "OFFICER", "AUDITOR"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "leads.read",
  "leads.assign",
  // An officer takes an unassigned lead himself, where an admin enabled it for the lead's region.
  "leads.take",
  "leads.export",
  "followup.read",
  "followup.write",
  "dashboard.read",
  "personal_data.reveal",
  "imports.manage",
  "balikan.manage",
  // The yearly monitoring and evaluation report of a partner (Laporan Monev), in one's regions.
  "reports.monev",
  "matches.review",
  "users.manage",
  "audit.read",
  "audit.export",
  // The data-sharing agreements (PKS) with the partners: their terms, contacts and end.
  "agreements.manage",
  // One's own account: password change, authenticator, "Konfirmasi identitas". Every role.
  "account.self",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: PERMISSIONS,
  SUPERVISOR: ["leads.read", "leads.assign", "followup.read", "dashboard.read", "reports.monev", "personal_data.reveal", "matches.review", "account.self"],
  OFFICER: ["leads.read", "leads.take", "leads.export", "followup.read", "followup.write", "personal_data.reveal", "account.self"],
  AUDITOR: ["audit.read", "audit.export", "account.self"],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles whose data access is limited to their assigned regions. */
export function isRegionScoped(role: Role): boolean {
  return role === "SUPERVISOR" || role === "OFFICER";
}

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  SUPERVISOR: "Supervisor",
  OFFICER: "Petugas",
  AUDITOR: "Auditor",
};
