"use client";

import { useState } from "react";
import { useI18n } from "~/i18n/client";

/** A button that reads a file the user picks and hands over its text. */
export function FilePicker({
  label,
  testId,
  accept,
  onFile,
}: {
  label: string;
  testId: string;
  accept: string;
  onFile: (text: string, fileName: string) => void;
}) {
  return (
    <label className="inline-flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3.5 py-2 text-sm dark:border-slate-600">
      {label}
      <input
        type="file"
        accept={accept}
        className="sr-only"
        data-testid={testId}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          // The same file picked again (after fixing it) is read again.
          e.target.value = "";
          if (file) onFile(await file.text(), file.name);
        }}
      />
    </label>
  );
}

/** A button that reads a JSON file the user picks and hands over its content, or says the file is not JSON. */
export function JsonFilePicker({ label, testId, onJson }: { label: string; testId: string; onJson: (json: unknown, fileName: string) => void }) {
  const { t } = useI18n();
  const [fileError, setFileError] = useState<string | null>(null);
  const onFile = (text: string, name: string) => {
    setFileError(null);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return setFileError(t.campaigns.notJson(name));
    }
    onJson(json, name);
  };
  return (
    <>
      <FilePicker label={label} testId={testId} accept=".json,application/json" onFile={onFile} />
      {fileError && (
        <p role="alert" className="text-sm text-red-600">
          {fileError}
        </p>
      )}
    </>
  );
}
