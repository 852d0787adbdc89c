"use client";

import type { ComponentProps } from "react";
import { useI18n } from "~/i18n/client";
import { Button } from "./button";
import { ErrorText } from "./error-text";

/** The end of a form with rows: the server's error, then "add a row" and "save" for editors. */
export function EditorFooter({
  error,
  canEdit,
  addLabel,
  onAdd,
  saving,
}: {
  error: ComponentProps<typeof ErrorText>["error"];
  canEdit: boolean;
  addLabel: string;
  onAdd: () => void;
  saving: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <ErrorText error={error} />
      {canEdit && (
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" onClick={onAdd}>
            {addLabel}
          </Button>
          <Button size="sm" type="submit" disabled={saving}>
            {t.common.save}
          </Button>
        </div>
      )}
    </>
  );
}
