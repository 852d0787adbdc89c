/** The REST API for scripts, described for humans and generators (served at /api/openapi.json). */
const readings = {
  type: "object",
  description: "One reading: meterId, at, and every field in kWh, kvarh, W, var, VA, V, A, Hz, power factor, %",
  additionalProperties: true,
};
const q = (name: string, schema: object, description: string, required = false) => ({ name, in: "query", required, schema, description });
const ok = (description: string, content = "application/json") => ({
  "200": { description, content: { [content]: {} } },
  "400": { description: "Invalid query: the issues are listed" },
  "401": { description: "No session and no valid token" },
});

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Vigie REST API",
    version: "1",
    description: "Read energy data, events and settings; change settings. Authenticate with a session or an admin-issued token: Authorization: Bearer vgt_…",
  },
  components: {
    securitySchemes: { token: { type: "http", scheme: "bearer", description: "API token (READ or WRITE scope), issued under Administration → Jetons d'API" } },
  },
  security: [{ token: [] }],
  paths: {
    "/api/data": {
      get: {
        summary: "Readings of the last hours, newest first",
        parameters: [
          q("hours", { type: "number", default: 24, maximum: 8760 }, "How far back"),
          q("limit", { type: "integer", default: 1000, maximum: 100000 }, "At most this many readings"),
          q("format", { enum: ["json", "csv"], default: "json" }, "Answer format"),
          q("meter", { type: "string" }, "One meter's id"),
        ],
        responses: {
          ...ok("{count, readings[]} or CSV"),
          "200": {
            description: "Readings",
            content: {
              "application/json": { schema: { type: "object", properties: { count: { type: "integer" }, readings: { type: "array", items: readings } } } },
              "text/csv": {},
            },
          },
        },
      },
    },
    "/api/data/current": { get: { summary: "The latest reading of every meter", responses: ok("{meters[]}") } },
    "/api/events": {
      get: {
        summary: "Events and alerts, newest first",
        parameters: [
          q("severity", { enum: ["INFO", "WARNING", "ERROR", "CRITICAL"] }, "Only this severity"),
          q("type", { type: "string" }, "Only this type, e.g. voltage_low"),
          q("acknowledged", { enum: ["true", "false"] }, "Acknowledged or not"),
          q("limit", { type: "integer", default: 100, maximum: 1000 }, "At most this many"),
        ],
        responses: ok("{count, events[]}"),
      },
    },
    "/api/stats": {
      get: {
        summary: "Last-24-hour power (average, min, max, samples) and today's energy",
        parameters: [q("meter", { type: "string" }, "One meter's id")],
        responses: ok("{meters, unacknowledgedEvents, last24h, today}"),
      },
    },
    "/api/config": {
      get: { summary: "Every setting: key, type, value, default, description", responses: ok("{settings[]}") },
      post: {
        summary: "Change settings (WRITE token or ADMIN session); every value is checked before any is stored",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { type: "object", additionalProperties: true, example: { "energy.contractLimitW": 12000 } } } },
        },
        responses: { ...ok("{settings[]}"), "403": { description: "A READ token, or a session below ADMIN" }, "404": { description: "Unknown setting" } },
      },
    },
    "/api/export/readings": {
      get: {
        summary: "Raw readings as CSV, streamed",
        parameters: [
          q("from", { type: "string", format: "date-time" }, "Start (inclusive)", true),
          q("to", { type: "string", format: "date-time" }, "End (exclusive)", true),
          q("meter", { type: "string" }, "One meter's id"),
        ],
        responses: ok("CSV", "text/csv"),
      },
    },
    "/api/export/rollups": {
      get: {
        summary: "Hourly or daily roll-ups as CSV, streamed",
        parameters: [
          q("period", { enum: ["hour", "day"], default: "hour" }, "Roll-up period"),
          q("from", { type: "string", format: "date-time" }, "Start", true),
          q("to", { type: "string", format: "date-time" }, "End", true),
          q("meter", { type: "string" }, "One meter's id"),
        ],
        responses: ok("CSV", "text/csv"),
      },
    },
    "/api/reports/{id}/export": {
      get: {
        summary: "A campaign report as JSON or JUnit XML (one testcase per assertion), streamed, secrets masked",
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" } },
          q("format", { enum: ["json", "junit"], default: "json" }, "Export format"),
        ],
        responses: { ...ok("report", "application/json"), "404": { description: "No such report" } },
      },
    },
    "/api/v1/meters/{id}/telegrams": {
      post: {
        summary: "A datalogger's raw telegram(s), with the meter's own token",
        security: [],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        requestBody: { content: { "application/octet-stream": {}, "text/plain": {} } },
        responses: { "200": { description: "Stored" }, "401": { description: "Wrong token" }, "422": { description: "Nothing decoded" } },
      },
    },
    "/api/v1/ping/{uuid}": {
      get: {
        summary: "Backup ping: success; also /start, /fail, /{exit code}; ?rid= pairs start and finish",
        security: [],
        parameters: [{ name: "uuid", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: { "200": { description: "Recorded" }, "404": { description: "Unknown uuid" } },
      },
    },
  },
};
