import { AppShell } from "@/components/shell/app-shell.tsx";
import { navItemsFor } from "@/lib/navigation.ts";
import { ROLE_LABELS } from "@/lib/permissions.ts";
import { describeRegionScope } from "@/server/access/describe-region-scope.ts";
import { requireActor } from "@/server/access/guard.ts";
import { regionScopeFor } from "@/server/access/region-scope.ts";

// Every page behind sign-in reads the session from the database: never prerendered.
export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  // The unread count comes with the session read (no query of its own on every page).
  const actor = await requireActor();
  const scopeLabel = await describeRegionScope(regionScopeFor(actor.role, actor.regionCodes));
  return (
    <AppShell
      user={{ id: actor.userId, name: actor.name, username: actor.username, roleLabel: ROLE_LABELS[actor.role], scopeLabel, unreadNotifications: actor.unreadNotifications }}
      navItems={navItemsFor(actor.role).map(({ href, label }) => ({ href, label }))}
    >
      {children}
    </AppShell>
  );
}
