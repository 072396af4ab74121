import { hasPermission, type Permission, type Role } from "./permissions.ts";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

/** The left navigation, in display order; each item is shown only to roles holding its permission. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/prospek", label: "Prospek", permission: "leads.read" },
  { href: "/tindak-lanjut", label: "Tindak Lanjut", permission: "followup.read" },
  { href: "/dasbor", label: "Dasbor Cakupan", permission: "dashboard.read" },
  { href: "/laporan", label: "Laporan Monev", permission: "reports.monev" },
  { href: "/tinjauan", label: "Tinjauan Pencocokan", permission: "matches.review" },
  { href: "/impor", label: "Impor Data", permission: "imports.manage" },
  { href: "/balikan", label: "Data Balikan", permission: "balikan.manage" },
  { href: "/perjanjian", label: "Perjanjian", permission: "agreements.manage" },
  { href: "/pengguna", label: "Pengguna", permission: "users.manage" },
  { href: "/audit", label: "Audit", permission: "audit.read" },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => hasPermission(role, item.permission));
}

/** Where a freshly signed-in user lands: the first page their role may open. */
export function homePathFor(role: Role): string {
  return navItemsFor(role)[0]?.href ?? "/masuk";
}
