import Link from "next/link";
import { NotificationBell } from "@/components/notifications/notification-bell.tsx";
import { NavLinks } from "./nav-links.tsx";
import { SignOutButton } from "./sign-out-button.tsx";

export interface ShellUser {
  /** The session's user id: keys what this browser remembers for them (the last lead list). */
  id: string;
  name: string;
  username: string;
  roleLabel: string;
  scopeLabel: string;
  /** Unread notices for the bell; undefined hides it (an account step still pending). */
  unreadNotifications?: number;
}

/** Header with who is signed in and where they may look; navigation limited to their role. */
export function AppShell({
  user,
  navItems,
  children,
}: {
  user: ShellUser;
  navItems: { href: string; label: string }[];
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#konten" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Lewati ke konten
      </a>
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3 md:px-6">
        <Link href="/" className="text-lg font-semibold tracking-tight text-brand-700">
          Jangkau
        </Link>
        <div className="flex flex-wrap items-center gap-4">
          <dl className="text-right text-sm leading-tight" aria-label="Pengguna yang masuk">
            <dt className="sr-only">Pengguna</dt>
            <dd className="font-medium text-slate-900" data-testid="current-user">
              {user.name} <span className="font-normal text-slate-500">({user.username})</span>
            </dd>
            <dt className="sr-only">Peran dan wilayah</dt>
            <dd className="text-slate-600">
              <span data-testid="current-role">{user.roleLabel}</span> · <span data-testid="current-scope">{user.scopeLabel}</span>
            </dd>
          </dl>
          {user.unreadNotifications !== undefined && <NotificationBell unread={user.unreadNotifications} />}
          <Link href="/akun/keamanan" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
            Akun saya
          </Link>
          <SignOutButton />
        </div>
      </header>
      <div className="flex flex-1 flex-col lg:flex-row">
        <nav aria-label="Navigasi utama" className="border-b border-slate-200 bg-white p-3 lg:w-56 lg:shrink-0 lg:border-b-0 lg:border-r">
          <NavLinks items={navItems} userId={user.id} />
        </nav>
        <main id="konten" className="min-w-0 flex-1 p-4 md:p-6 lg:p-8">
          {children}
        </main>
      </div>
    </div>
  );
}
