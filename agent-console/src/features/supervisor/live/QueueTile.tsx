// The agent queue now, and the last hour's announced estimate next to the real waits.
import { useTranslation } from "react-i18next";
import type { WallboardSnapshot } from "@contracts/supervisor-api.ts";
import { minutesSeconds, numberText } from "../../../app/format.ts";
import { minutesNumber } from "../supervisor-format.ts";
import { Stat, Tile } from "./Stat.tsx";

export function QueueTile({ queue }: { queue: WallboardSnapshot["queue"] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const minutes = (value: number | null) =>
    value === null ? t("supervisor.none") : t("supervisor.minutes", { value: minutesNumber(value, lang) });
  const { lastHour } = queue;
  return (
    <Tile id="wb-queue" title={t("supervisor.queue.heading")}>
      <dl className="stats">
        <Stat label={t("supervisor.queue.waiting")} value={numberText(queue.waiting, lang)} />
        <Stat label={t("supervisor.queue.longestWait")} value={minutesSeconds(queue.longestWaitSeconds)} />
      </dl>
      <h5>{t("supervisor.queue.lastHour", { served: numberText(lastHour.served, lang) })}</h5>
      <dl className="stats stats-small">
        <Stat label={t("supervisor.queue.announced")} value={minutes(lastHour.avgAnnouncedMinutes)} />
        <Stat
          label={t("supervisor.queue.realWait")}
          value={minutes(lastHour.avgWaitSeconds === null ? null : lastHour.avgWaitSeconds / 60)}
        />
        <Stat label={t("supervisor.queue.estimateError")} value={minutes(lastHour.avgEstimateErrorMinutes)} />
      </dl>
    </Tile>
  );
}
