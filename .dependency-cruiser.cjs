/**
 * The layers of docs/ARCHITECTURE.md, checked on every `npm test`:
 *   src/lib         pure helpers, no I/O of the application
 *   src/platform    base (db, env, errors, logger, jobs, live) and platform services
 *   src/metering|backups|campaigns   domains: plain TypeScript over the platform
 *   src/composition what needs every domain at once (the settings catalog)
 *   src/server, src/app, src/components, src/trpc, worker/   adapters and UI
 */
const domains = "^src/(metering|backups|campaigns)/";
const ui = "^src/(app|components|trpc)/";
const webFrameworks = "^node_modules/(next|react|react-dom|next-auth|@trpc|@tanstack)/";

module.exports = {
  forbidden: [
    {
      name: "domain-imports-adapter",
      comment: "Domain code takes a database client or plain values: it never reaches into adapters, the UI or the composition root.",
      severity: "error",
      from: { path: domains },
      to: { path: ["^src/(server|composition)/", ui, "^worker/"] },
    },
    {
      name: "domain-imports-web-framework",
      comment: "No Next.js, React, Auth.js or tRPC inside domain code.",
      severity: "error",
      from: { path: domains },
      to: { path: webFrameworks },
    },
    {
      name: "platform-imports-upper-layer",
      comment: "The platform is below the domains and the adapters.",
      severity: "error",
      from: { path: "^src/platform/" },
      to: { path: [domains, "^src/(server|composition)/", ui, "^worker/", webFrameworks] },
    },
    {
      name: "lib-imports-application",
      comment: "src/lib holds pure helpers.",
      severity: "error",
      from: { path: "^src/lib/" },
      to: { path: "^src/", pathNot: "^src/(lib|generated)/" },
    },
    {
      name: "component-imports-app",
      comment: "Components are used by pages, not the other way round.",
      severity: "error",
      from: { path: "^src/components/" },
      to: { path: "^src/app/" },
    },
    {
      name: "api-router-imported-outside-adapters",
      comment: "The tRPC routers are reached through the app, the server's HTTP entry, the tRPC client glue and tests.",
      severity: "error",
      from: { pathNot: "^(src/app|src/server|src/trpc|tests)/" },
      to: { path: "^src/server/api/" },
    },
    {
      name: "no-circular",
      comment: "Modules do not import each other in a cycle.",
      severity: "error",
      from: { path: "^(src|worker|scripts)/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/generated/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
