import { z } from "zod";
import { issueApiToken, issueTokenInput, listApiTokens, revokeApiToken } from "../../../platform/api-tokens";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const apiTokensRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listApiTokens(ctx.db)),
  /** The token's value is in this answer only. */
  issue: adminProcedure.input(issueTokenInput).mutation(({ ctx, input }) => issueApiToken(ctx.db, input, ctx.user.id)),
  revoke: adminProcedure.input(z.object({ id: z.string().min(1).max(50) })).mutation(({ ctx, input }) => revokeApiToken(ctx.db, input.id)),
});
