import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/auth-options.ts";

// next-auth's own endpoints (sign-in, sign-out, CSRF). They authenticate; they grant nothing:
// every other route checks permissions with server/access/guard.ts.
const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
