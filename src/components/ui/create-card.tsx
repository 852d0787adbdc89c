"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { Card } from "./card";

/** A "New …" button that opens a card with the creation form; the form calls `done` once saved. */
export function CreateCard({ label, children }: { label: string; children: (done: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  if (!open) return <Button onClick={() => setOpen(true)}>{label}</Button>;
  return <Card title={label}>{children(() => setOpen(false))}</Card>;
}
