import "server-only";

type HeaderReader = { get(name: string): string | null };

/**
 * True when a state-changing request comes from one of Jangkau's own pages. Route handlers do not
 * get the Origin check Next gives server actions, and a session cookie rides along with any
 * cross-site form post, so handlers that change something (an upload) call this after the guard.
 *
 * Browsers send `Origin` with every POST made by fetch or XMLHttpRequest, and `Sec-Fetch-Site`
 * when they support it. A request with neither is refused: it is not a page of ours. The origin's
 * host must be the one the request was addressed to (as our reverse proxy forwarded it), the
 * same comparison Next makes for server actions.
 */
export function isSameOriginRequest(headers: HeaderReader): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin") return false;

  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const host = (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0]?.trim();
  return !!host && originHost.toLowerCase() === host.toLowerCase();
}
