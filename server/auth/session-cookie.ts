import "server-only";
import type { CookiesOptions } from "next-auth";
import { publicUrlIsHttps } from "@/lib/public-url.ts";
import { config } from "@/server/config.ts";

const PLAIN_NAME = "next-auth.session-token";
// `__Host-`: the browser keeps it only if set over TLS, with Path=/ and no Domain, so neither a
// sibling subdomain nor a plain-http response can plant or overwrite it (next-auth's default
// `__Secure-` prefix does not rule out a Domain attribute).
const HOST_NAME = `__Host-${PLAIN_NAME}`;

/** The session cookie's name for the public URL: the guard reads this one and no other. */
export function sessionCookieName(url = config().NEXTAUTH_URL): string {
  return publicUrlIsHttps(url) ? HOST_NAME : PLAIN_NAME;
}

/** next-auth's `cookies.sessionToken` for the public URL. */
export function sessionCookie(url = config().NEXTAUTH_URL): NonNullable<CookiesOptions["sessionToken"]> {
  const secure = publicUrlIsHttps(url);
  return {
    name: sessionCookieName(url),
    options: { httpOnly: true, sameSite: "lax", path: "/", secure },
  };
}
