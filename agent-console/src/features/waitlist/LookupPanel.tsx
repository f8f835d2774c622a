// A caller quotes their registration number: their entry, and an open invitation to accept or
// decline on their behalf (declining gives the pair back at once).
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { dateTimeText } from "../../app/format.ts";
import { Outcome, type OutcomeMessage } from "../supervisor/controls/Outcome.tsx";
import { EntryDetails } from "./EntryDetails.tsx";
import { ENTRY_STATUS, INVITATION_STATUS } from "./labels.ts";
import { formatNumber, useWaitlistApi, type InvitationView, type WaitlistEntryView } from "./waitlist-api.ts";

export function LookupPanel() {
  const { t, i18n } = useTranslation();
  const api = useWaitlistApi();
  const [number, setNumber] = useState("");
  const [found, setFound] = useState<{ entry: WaitlistEntryView; invitations: InvitationView[] } | null>(null);
  const [message, setMessage] = useState<OutcomeMessage>(null);

  const lookup = async (event?: FormEvent) => {
    event?.preventDefault();
    try {
      setFound(await api.lookup(number));
      setMessage(null);
    } catch (error) {
      setFound(null);
      setMessage({ kind: "error", text: errorMessage(error, t("waitlist.failed")) });
    }
  };
  const act = async (work: () => Promise<string>) => {
    try {
      setMessage({ kind: "success", text: await work() });
      await lookup();
    } catch (error) {
      setMessage({ kind: "error", text: errorMessage(error, t("waitlist.failed")) });
    }
  };

  return (
    <section aria-labelledby="waitlist-lookup-heading" className="panel">
      <h3 id="waitlist-lookup-heading">{t("waitlist.lookupHeading")}</h3>
      <form onSubmit={lookup}>
        <label>
          {t("waitlist.field.number")}
          <input value={number} inputMode="numeric" onChange={(e) => setNumber(e.target.value)} />
        </label>
        <button type="submit">{t("waitlist.lookup")}</button>
      </form>
      <Outcome id="waitlist-lookup-outcome" message={message} />
      {found && (
        <div>
          <p>
            {formatNumber(found.entry.registrationNumber)} · {found.entry.name} ·{" "}
            {t(ENTRY_STATUS[found.entry.status] ?? "waitlist.status.waiting")}
          </p>
          <EntryDetails entry={found.entry} onChanged={() => void lookup()} />
          <ul>
            {found.invitations.map((inv) => (
              <li key={inv.id}>
                {dateTimeText(inv.firstStartsAt, i18n.language)} / {dateTimeText(inv.secondStartsAt, i18n.language)} ·{" "}
                {t(INVITATION_STATUS[inv.status] ?? "waitlist.invitation.invited")}
                {inv.status === "invited" && (
                  <>
                    {" "}
                    <button
                      type="button"
                      onClick={() =>
                        void act(async () => t("waitlist.accepted", { code: (await api.accept(inv.id)).code }))
                      }
                    >
                      {t("waitlist.accept")}
                    </button>{" "}
                    <button
                      type="button"
                      onClick={() => void act(async () => (await api.decline(inv.id, false), t("waitlist.declined")))}
                    >
                      {t("waitlist.decline")}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
