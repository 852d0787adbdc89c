import type { z } from "zod";
import { refuseApiCall } from "./api-auth";
import { parseQuery, streamResponse } from "./stream-response";

/**
 * A GET route streaming CSV to a READ token or a signed-in user: the query checked by `query`,
 * then the rows `rows` yields, downloaded as `filename`.
 */
export function csvExportRoute<T>(query: z.ZodType<T>, rows: (q: T) => AsyncGenerator<string>, filename: (q: T) => string) {
  return async (req: Request): Promise<Response> => {
    const refused = await refuseApiCall(req, "read");
    if (refused) return refused;
    const q = parseQuery(req, query);
    if ("response" in q) return q.response;
    return streamResponse(rows(q.data), {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename(q.data)}"`,
    });
  };
}
