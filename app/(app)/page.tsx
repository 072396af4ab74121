import { redirect } from "next/navigation";
import { homePathFor } from "@/lib/navigation.ts";
import { requireActor } from "@/server/access/guard.ts";

export default async function HomePage() {
  const actor = await requireActor();
  redirect(homePathFor(actor.role));
}
