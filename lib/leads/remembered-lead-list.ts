/**
 * The lead list an officer last looked at, kept in the browser per user: the sidebar's and the
 * breadcrumb's "Prospek" return to it (filters, sort, columns and page), and a lead opened from it
 * offers the previous and next lead of that list. In the browser rather than the database: it is
 * a convenience of one device, costs the server nothing per page, and holds only what the URL
 * held (a personal search is in it as its sealed token, never in clear).
 */
export interface RememberedLeadList {
  /** The list's URL ("/prospek?…"). */
  href: string;
  /** The page's leads in order: id and name (business names only). */
  leads: { id: string; name: string }[];
  /** The next page of the list, when there is one. */
  nextHref: string | null;
}

const key = (userId: string) => `jangkau:daftar-prospek:${userId}`;

export function rememberLeadList(userId: string, list: RememberedLeadList): void {
  try {
    localStorage.setItem(key(userId), JSON.stringify(list));
  } catch {
    // Storage full or disabled (private mode): the list simply is not remembered.
  }
}

export function rememberedLeadList(userId: string): RememberedLeadList | null {
  try {
    const stored = localStorage.getItem(key(userId));
    if (!stored) return null;
    const list = JSON.parse(stored) as RememberedLeadList;
    // Only our own list pages: a tampered value must not turn the link into somewhere else.
    return typeof list.href === "string" && list.href.startsWith("/prospek") && Array.isArray(list.leads) ? list : null;
  } catch {
    return null;
  }
}

/** The leads before and after `id` in the remembered list (the next page when it is the last). */
export function leadNeighbours(list: RememberedLeadList, id: string): { previous: { href: string; name: string } | null; next: { href: string; name: string } | null } | null {
  const index = list.leads.findIndex((lead) => lead.id === id);
  if (index < 0) return null;
  const before = list.leads[index - 1];
  const after = list.leads[index + 1];
  return {
    previous: before ? { href: `/prospek/${before.id}`, name: before.name } : null,
    next: after ? { href: `/prospek/${after.id}`, name: after.name } : list.nextHref ? { href: list.nextHref, name: "halaman berikutnya" } : null,
  };
}
