import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { getLocale } from "~/i18n/server";
import { NONCE_HEADER } from "~/server/http/content-security-policy";
import "~/styles/globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Vigie", template: "%s · Vigie" },
  description: "Energy meters, backups and API test campaigns, watched from one place.",
  icons: { icon: "/favicon.svg" },
};

// Without a saved choice the theme follows the system; applied before paint to avoid a flash.
const themeScript = `if(matchMedia('(prefers-color-scheme: dark)').matches)document.documentElement.classList.add('dark')`;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const theme = (await cookies()).get("vigie-theme")?.value;
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang={locale} className={theme === "dark" ? "dark" : undefined} suppressHydrationWarning>
      <head>
        {theme === undefined && (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script (no input in it) that sets the theme before the first paint, allowed by the page's CSP nonce
          <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
        )}
      </head>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <Providers locale={locale}>{children}</Providers>
      </body>
    </html>
  );
}
