-- The invitation campaign per KV region (issue 17): a supervisor's pause and share setting.
-- `paused`: while true, no run of the region starts (by hand, on a supply release or by the
-- scheduler) and no invitation call of the region is placed; the dialler reads this column.

-- CreateTable
CREATE TABLE "campaign_region" (
    "region_id" TEXT NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "share_percent" INTEGER NOT NULL DEFAULT 70,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_region_pkey" PRIMARY KEY ("region_id")
);
