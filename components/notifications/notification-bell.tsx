import Link from "next/link";

/** The header's way to the inbox, with the number of unread notices (none shown at zero). */
export function NotificationBell({ unread }: { unread: number }) {
  const label = unread > 0 ? `Pemberitahuan: ${unread.toLocaleString("id-ID")} belum dibaca` : "Pemberitahuan";
  return (
    <Link
      href="/akun/pemberitahuan"
      aria-label={label}
      title={label}
      data-testid="notification-bell"
      className="relative inline-flex h-11 w-11 items-center justify-center rounded-full text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 && (
        <span aria-hidden="true" data-testid="notification-count" className="absolute right-0.5 top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
