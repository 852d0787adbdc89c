"use client";

import { useState } from "react";
import { useI18n } from "~/i18n/client";

/** A button that reads a JSON file the user picks and hands over its content, or says the file is not JSON. */
export function JsonFilePicker({ label, testId, onJson }: { label: string; testId: string; onJson: (json: unknown, fileName: string) => void }) {
  const { t } = useI18n();
  const [fileError, setFileError] = useState<string | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setFileError(null);
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      return setFileError(t.campaigns.notJson(file.name));
    }
    onJson(json, file.name);
  };
  return (
    <>
      <label className="inline-flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3.5 py-2 text-sm dark:border-slate-600">
        {label}
        <input
          type="file"
          accept=".json,application/json"
          className="sr-only"
          data-testid={testId}
          onChange={(e) => {
            void onFile(e.target.files?.[0]);
            // The same file picked again (after fixing it) is read again.
            e.target.value = "";
          }}
        />
      </label>
      {fileError && (
        <p role="alert" className="text-sm text-red-600">
          {fileError}
        </p>
      )}
    </>
  );
}
