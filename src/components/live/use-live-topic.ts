"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useRef } from "react";
import { checkLiveEvent, type LiveMessage, type LiveTopic } from "~/platform/live/events";
import { useTRPC } from "~/trpc/react";

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
 * replayed after a reconnect, typed by the live-event contract (an event that does not match it is
 * dropped with a warning, never handed over half-formed). Returns the connection status.
 */
export function useLiveTopic<T extends LiveTopic>(topic: T | null, onEvent: (event: LiveMessage<T>) => void, options: LiveTopicOptions = {}) {
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
        onData: ({ id, data }) => {
          const checked = checkLiveEvent(data.topic, data.type, data.payload);
          if (!checked) {
            console.warn(`live event ${data.topic} ${data.type} does not match its contract: dropped`);
            return;
          }
          handler.current({ id, topic: data.topic, type: checked.type, payload: checked.payload, createdAt: data.createdAt } as LiveMessage<T>);
        },
      },
    ),
  );
  useEffect(() => {
    if (sub.status === "pending") connectedHandler.current?.();
  }, [sub.status]);
  return sub.status;
}
