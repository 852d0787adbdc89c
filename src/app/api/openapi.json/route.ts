import { openApiDocument } from "~/server/http/openapi";

/** The OpenAPI document of the REST API (public: it describes, it does not expose data). */
export function GET() {
  return Response.json(openApiDocument);
}
