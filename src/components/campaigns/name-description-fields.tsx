"use client";

import { TextField } from "~/components/ui/field";
import { useI18n } from "~/i18n/client";

type Named = { name: string; description: string };

/** The name and description of a campaign or an environment, side by side. */
export function NameDescriptionFields<T extends Named>({ draft, setDraft, disabled }: { draft: T; setDraft: (next: T) => void; disabled: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <TextField label={t.common.name} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} disabled={disabled} />
      <TextField
        label={t.common.description}
        value={draft.description}
        onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        disabled={disabled}
      />
    </>
  );
}
