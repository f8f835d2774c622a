// "Voll" / "Fast voll" as a word with a symbol, never as colour alone.
import { useTranslation } from "react-i18next";
import type { WallboardSnapshot } from "@contracts/supervisor-api.ts";
import { LEVEL_KEYS } from "../wallboard-labels.ts";

type Level = WallboardSnapshot["freePairs"]["centres"][number]["level"];

const SYMBOL: Record<Level, string> = { full: "■", "nearly-full": "▲", ok: "" };

export function LevelBadge({ level }: { level: Level }) {
  const { t } = useTranslation();
  if (level === "ok") return <span className="level-ok">{t(LEVEL_KEYS.ok)}</span>;
  return (
    <span className={level === "full" ? "badge badge-full" : "badge badge-nearly-full"}>
      <span aria-hidden="true">{SYMBOL[level]} </span>
      {t(LEVEL_KEYS[level])}
    </span>
  );
}
