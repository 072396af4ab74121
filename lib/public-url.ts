/**
 * Whether the app's public URL (`NEXTAUTH_URL`, as users reach it — behind a TLS-terminating proxy
 * the app itself may speak http) is https. It decides the session cookie's `__Host-` name and
 * `Secure` flag and whether HSTS is sent. Callers pass it at call time: the server sets a default at
 * start-up.
 */
export function publicUrlIsHttps(url: string | undefined): boolean {
  return /^https:\/\//i.test(url?.trim() ?? "");
}

/**
 * One year, subdomains included: browsers then refuse plain http to this host (and any cookie
 * over it) after one visit. No `preload`: that is a decision for the domain's owner, not the app.
 */
export const HSTS_HEADER_VALUE = "max-age=31536000; includeSubDomains";
