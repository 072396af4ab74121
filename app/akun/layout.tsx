import { AppShell } from "@/components/shell/app-shell.tsx";
import { navItemsFor } from "@/lib/navigation.ts";
import { ROLE_LABELS } from "@/lib/permissions.ts";
import { describeRegionScope } from "@/server/access/describe-region-scope.ts";
import { pendingAccountStep, requireActor } from "@/server/access/guard.ts";
import { regionScopeFor } from "@/server/access/region-scope.ts";

export const dynamic = "force-dynamic";

/**
 * The user's own account pages. They open even while an account step is pending (a forced
 * password change, an admin's enrolment): the navigation is hidden until it is done, since every
 * other page would send the user back here anyway.
 */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor({ allowPendingStep: true });
  const scopeLabel = await describeRegionScope(regionScopeFor(actor.role, actor.regionCodes));
  const pending = pendingAccountStep(actor);
  const unreadNotifications = pending ? undefined : actor.unreadNotifications;
  return (
    <AppShell
      user={{ id: actor.userId, name: actor.name, username: actor.username, roleLabel: ROLE_LABELS[actor.role], scopeLabel, unreadNotifications }}
      navItems={pending ? [] : navItemsFor(actor.role).map(({ href, label }) => ({ href, label }))}
    >
      {children}
    </AppShell>
  );
}
