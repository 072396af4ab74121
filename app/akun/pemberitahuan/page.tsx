import type { Metadata } from "next";
import { NotificationList } from "@/components/notifications/notification-list.tsx";
import { NotifyEmailForm } from "@/components/notifications/notify-email-form.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { PageLinks } from "@/components/ui/page-links.tsx";
import { maskPersonal } from "@/lib/personal-data.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { config } from "@/server/config.ts";
import { db } from "@/server/db/client.ts";
import { findNotifications } from "@/server/notifications/find-notifications.ts";
import { NOTIFICATION_KIND_LABELS } from "@/server/notifications/notification-kinds.ts";
import { markAllNotificationsReadAction, openNotificationAction, setNotifyEmailAction } from "../actions.ts";

export const metadata: Metadata = { title: "Pemberitahuan" };

const PAGE_PARAM = "halaman";

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor } = await requirePermission("account.self");
  const requested = Number((await searchParams)[PAGE_PARAM]);
  const inbox = await findNotifications(actor.userId, Number.isInteger(requested) && requested > 0 ? requested : 1);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { notifyEmail: true } });
  const pageLink = (page: number) => (page <= 1 ? "/akun/pemberitahuan" : `/akun/pemberitahuan?${PAGE_PARAM}=${page}`);

  return (
    <>
      <PageHeader
        title="Pemberitahuan"
        description="Prospek yang ditugaskan kepada Anda, tindak lanjut yang jatuh tempo, pasangan entitas yang menunggu tinjauan, impor yang selesai atau gagal, dan data balikan yang jatuh tempo — sesuai peran Anda."
      />
      {inbox.total === 0 ? (
        <EmptyState title="Belum ada pemberitahuan">
          <p>Pemberitahuan baru muncul di sini dan di ikon lonceng di kepala halaman.</p>
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600">
            {inbox.unread.toLocaleString("id-ID")} belum dibaca dari {inbox.total.toLocaleString("id-ID")} pemberitahuan. Waktu dalam WIB.
          </p>
          <NotificationList
            items={inbox.items.map((item) => ({
              id: item.id,
              kindLabel: NOTIFICATION_KIND_LABELS[item.kind],
              title: item.title,
              body: item.body,
              href: item.href,
              createdAt: item.createdAt.toISOString(),
              read: item.read,
            }))}
            openAction={openNotificationAction}
            markAllAction={markAllNotificationsReadAction}
          />
          {inbox.pageCount > 1 && (
            <PageLinks
              label="Halaman pemberitahuan"
              previous={inbox.page > 1 ? { href: pageLink(inbox.page - 1), text: "Lebih baru" } : null}
              next={inbox.page < inbox.pageCount ? { href: pageLink(inbox.page + 1), text: "Lebih lama" } : null}
              numbers={{ current: inbox.page, count: inbox.pageCount, href: pageLink }}
            />
          )}
        </>
      )}
      <section aria-labelledby="surel" className="mt-8 max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="surel" className="text-lg font-semibold text-slate-900">
          Pemberitahuan lewat surel
        </h2>
        <NotifyEmailForm
          action={setNotifyEmailAction}
          maskedCurrent={user.notifyEmail ? maskPersonal("email", user.notifyEmail) : null}
          mailEnabled={config().JANGKAU_SMTP_URL !== undefined}
        />
      </section>
    </>
  );
}
