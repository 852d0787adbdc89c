"use client";

import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Icon } from "~/components/ui/icons";
import { useI18n } from "~/i18n/client";
import { LaunchDialog } from "./launch-dialog";

export function CampaignActions({ campaignId, postman }: { campaignId: string; postman: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="run-campaign">
        <Icon name="play" />
        {t.campaigns.run}
      </Button>
      {open && <LaunchDialog campaignId={campaignId} postman={postman} open={open} onClose={() => setOpen(false)} />}
    </>
  );
}
