-- Supervision: live operational settings shared by every server process, an audit of every
-- supervisor action, and samples of the day's main series for the wallboard's charts.

-- CreateTable
CREATE TABLE "operations_settings" (
    "id" INTEGER NOT NULL,
    "settings" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "operations_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supervisor_action" (
    "id" SERIAL NOT NULL,
    "agent_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supervisor_action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "metric_sample" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "metric_sample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "supervisor_action_at_idx" ON "supervisor_action"("at");

-- CreateIndex
CREATE UNIQUE INDEX "metric_sample_name_at_key" ON "metric_sample"("name", "at");
