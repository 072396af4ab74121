"use client";

import { useRouter } from "next/navigation";
import { formatWib } from "@/lib/format.ts";
import { Button } from "@/components/ui/button.tsx";
import { cn } from "@/components/ui/cn.ts";
import { FormMessage } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";

export interface NotificationView {
  id: string;
  kindLabel: string;
  title: string;
  body: string | null;
  href: string | null;
  createdAt: string;
  read: boolean;
}

/** The inbox, newest first: unread ones marked; "Buka" marks one read and goes where it points. */
export function NotificationList({
  items,
  openAction,
  markAllAction,
}: {
  items: NotificationView[];
  openAction: FormAction<{ href: string }>;
  markAllAction: FormAction;
}) {
  const markAll = useActionForm(markAllAction);
  const hasUnread = items.some((item) => !item.read);
  return (
    <div className="space-y-4">
      {hasUnread && (
        <form onSubmit={markAll.onSubmit} className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="secondary" disabled={markAll.pending}>
            Tandai semua sudah dibaca
          </Button>
        </form>
      )}
      <FormMessage status={markAll.state.status} message={markAll.formMessage} />
      <ul aria-label="Daftar pemberitahuan" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {items.map((item) => (
          <NotificationItem key={item.id} item={item} openAction={openAction} />
        ))}
      </ul>
    </div>
  );
}

function NotificationItem({ item, openAction }: { item: NotificationView; openAction: FormAction<{ href: string }> }) {
  const router = useRouter();
  const open = useActionForm(openAction, (state) => {
    if (state.result) router.push(state.result.href);
  });
  return (
    <li className={cn("flex flex-wrap items-start justify-between gap-3 px-4 py-3", !item.read && "bg-brand-50/60")} data-testid="notification" data-read={item.read}>
      <div className="min-w-0 flex-1">
        <p className="text-xs text-slate-500">
          {!item.read && <span className="mr-2 rounded-full bg-brand-600 px-2 py-0.5 font-medium text-white">Baru</span>}
          {item.kindLabel} · <time dateTime={item.createdAt}>{formatWib(item.createdAt)}</time>
        </p>
        <p className={cn("mt-1 text-sm text-slate-900", !item.read && "font-semibold")}>{item.title}</p>
        {item.body && <p className="mt-0.5 text-sm text-slate-600">{item.body}</p>}
        <FormMessage status={open.state.status === "error" ? "error" : "idle"} message={open.formMessage} />
      </div>
      {item.href && (
        <form onSubmit={open.onSubmit}>
          <input type="hidden" name="id" value={item.id} />
          <Button type="submit" variant="secondary" className="min-h-11" disabled={open.pending}>
            Buka<span className="sr-only">: {item.title}</span>
          </Button>
        </form>
      )}
    </li>
  );
}
