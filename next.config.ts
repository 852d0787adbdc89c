import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native addons and packages that open their own sockets stay plain Node modules.
  serverExternalPackages: ["@node-rs/argon2", "serialport", "@serialport/bindings-cpp", "pg", "graphile-worker", "prom-client", "nodemailer"],
  // Server-sent events must not be buffered by compression: tRPC marks its SSE answers
  // "Cache-Control: no-transform", which Next's compression honours (tests/e2e/platform.spec.ts checks).
  compress: true,
  // `npm test` type-checks the whole project (tsc); the production build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

export default config;
