import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { TRPCError } from "@trpc/server";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { createTRPCContext } from "~/server/api/context";
import { appRouter } from "~/server/api/root";
import { db } from "~/server/web-db";
import { webHub } from "~/server/live/web-hub";
import { makeQueryClient } from "./query-client";

/** This request's context: the same as the API's, so a page sees what its user's role allows. */
const context = cache(async () => createTRPCContext({ db, hub: webHub(), headers: await headers() }));

/** One query client per request: what a page prefetches is handed to the browser by HydrateClient. */
export const getQueryClient = cache(makeQueryClient);

/** Query options for prefetching in server components (`await getQueryClient().fetchQuery(trpc.x.y.queryOptions(…))`). */
export const trpc = createTRPCOptionsProxy({ ctx: context, router: appRouter, queryClient: getQueryClient });

/** The API called from a server component, with the procedure's role checks. */
export const serverApi = cache(async () => appRouter.createCaller(await context()));

/** A procedure's NOT_FOUND becomes the page's 404. */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}

/** Hands what the page prefetched to the client components below, which then start with it. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
