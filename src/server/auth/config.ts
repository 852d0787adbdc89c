import type { NextAuthConfig } from "next-auth";
import type { Role } from "../../lib/roles";

declare module "next-auth" {
  interface User {
    role: Role;
    sessionVersion: number;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: Role; sessionVersion: number; sessionId: string };
  }
}

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * The part of the Auth.js configuration that needs no database, shared by the route handlers and
 * the proxy. Sessions are JWTs (the credentials provider requires it); every API call and page
 * still checks the account against the database (src/server/auth/session-user.ts).
 */
export const authConfig = {
  trustHost: true,
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
        // Names this sign-in, so that signing out can revoke it alone.
        token.sid = crypto.randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        ...session.user,
        id: token.sub!,
        role: token.role as Role,
        sessionVersion: token.sv as number,
        sessionId: (token.sid as string | undefined) ?? "",
      };
      return session;
    },
  },
} satisfies NextAuthConfig;
