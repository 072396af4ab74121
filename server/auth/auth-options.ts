import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "@/lib/password-policy.ts";
import { currentRequestContext, requestContextFrom } from "@/server/http/request-context.ts";
import { publicUrlIsHttps } from "@/lib/public-url.ts";
import { config } from "@/server/config.ts";
import { CODE_REQUIRED_ERROR } from "@/lib/second-factor.ts";
import { oidcProvider, signInWithOidc } from "./oidc.ts";
import { sessionCookie } from "./session-cookie.ts";
import { SESSION_ABSOLUTE_MS } from "./session-policy.ts";
import { revokeAuthSession } from "./sessions.ts";
import { signInWithPassword } from "./sign-in-with-password.ts";

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  code: z.string().trim().max(20).optional(),
});

/**
 * next-auth only carries a signed token naming our server-side session (`sid`); who the user
 * is and what they may do is read from the database on every request (server/access/guard.ts).
 */
export const authOptions: NextAuthOptions = {
  pages: { signIn: "/masuk", error: "/masuk" },
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_MS / 1000 },
  // Read per request (a getter): NEXTAUTH_URL gets its default when the server starts.
  get useSecureCookies() {
    return publicUrlIsHttps(config().NEXTAUTH_URL);
  },
  get cookies() {
    return { sessionToken: sessionCookie() };
  },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Nama pengguna dan kata sandi",
      credentials: {
        username: { label: "Nama pengguna", type: "text" },
        password: { label: "Kata sandi", type: "password" },
        code: { label: "Kode autentikator", type: "text" },
      },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const result = await signInWithPassword({
          ...parsed.data,
          context: requestContextFrom(req?.headers ?? {}),
        });
        if (result.ok) return { id: result.userId, name: result.name, sid: result.sessionId };
        // next-auth hands a thrown message to the form as `error`; no session is created.
        if ("codeRequired" in result) throw new Error(CODE_REQUIRED_ERROR);
        return null;
      },
    }),
    ...oidcProvider(),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      const result = await signInWithOidc(account, profile);
      if (!result) return "/masuk?error=oidc";
      (account as Record<string, unknown>).jangkauSid = result.sessionId;
      (account as Record<string, unknown>).jangkauUserId = result.userId;
      return true;
    },
    async jwt({ token, user, account }) {
      if (account?.provider === "oidc") {
        token.sid = account.jangkauSid as string;
        token.sub = account.jangkauUserId as string;
      } else if (user && "sid" in user) {
        token.sid = user.sid as string;
      }
      return token;
    },
    async session({ session }) {
      // /api/auth/session shows the display name only; the guard reads the session id from the
      // cookie itself and never trusts this object for access.
      return { expires: session.expires, user: { name: session.user?.name ?? null } };
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string") {
        await revokeAuthSession(token.sid, "sign_out", await currentRequestContext());
      }
    },
  },
};
