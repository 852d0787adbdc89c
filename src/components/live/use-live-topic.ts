"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "~/trpc/react";

export type LiveMessage = { id: string; topic: string; type: string; payload: unknown; createdAt: Date };

type LiveTopicOptions = {
  /**
   * Called each time the stream (re)connects. Data fetched before the subscription was registered
   * can miss an event published in between; refetching here closes that gap.
   */
  onConnected?: () => void;
  /** Start after this event id (replaying what came since) rather than at the head of the stream. */
  since?: string | null;
};

/**
 * Follows one topic of the live stream. `onEvent` sees every event once, in order, including those
 * replayed after a reconnect. Returns the connection status for a live indicator.
 */
export function useLiveTopic(topic: string | null, onEvent: (event: LiveMessage) => void, options: LiveTopicOptions = {}) {
  const trpc = useTRPC();
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const connectedHandler = useRef(options.onConnected);
  connectedHandler.current = options.onConnected;
  const sub = useSubscription(
    trpc.live.subscribe.subscriptionOptions(
      { topic: topic ?? "", lastEventId: options.since ?? null },
      {
        enabled: topic !== null,
        onData: ({ id, data }) => handler.current({ id, topic: data.topic, type: data.type, payload: data.payload, createdAt: data.createdAt }),
      },
    ),
  );
  useEffect(() => {
    if (sub.status === "pending") connectedHandler.current?.();
  }, [sub.status]);
  return sub.status;
}
