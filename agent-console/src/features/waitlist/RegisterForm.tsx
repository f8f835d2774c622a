// Registering a caller on the waiting list: the person as the ledger knows them, who registers
// and how they are related, the contact, preferences and needs, consent to calls and SMS, and
// whether they can come at short notice (the standby list calls only those who said so).
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { Outcome, type OutcomeMessage } from "../supervisor/controls/Outcome.tsx";
import { FIELD, FLAG, RELATION, TIME_OF_DAY } from "./labels.ts";
import { formatNumber, useWaitlistApi, type WaitlistRegistration } from "./waitlist-api.ts";

const RELATIONS = Object.keys(RELATION) as (keyof typeof RELATION)[];
const TIMES = Object.keys(TIME_OF_DAY) as (keyof typeof TIME_OF_DAY)[];
const FLAGS = Object.keys(FLAG) as (keyof typeof FLAG)[];

export function RegisterForm() {
  const { t } = useTranslation();
  const api = useWaitlistApi();
  const [fields, setFields] = useState({ name: "", birthDate: "", postcode: "", street: "", city: "", phone: "" });
  const [relation, setRelation] = useState<keyof typeof RELATION>("self");
  const [timeOfDay, setTimeOfDay] = useState<keyof typeof TIME_OF_DAY>("any");
  const [flags, setFlags] = useState<Record<keyof typeof FLAG, boolean>>(
    Object.fromEntries(FLAGS.map((f) => [f, false])) as Record<keyof typeof FLAG, boolean>,
  );
  const [message, setMessage] = useState<OutcomeMessage>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request: WaitlistRegistration = {
      name: fields.name,
      birthDate: fields.birthDate,
      postcode: fields.postcode,
      street: fields.street || null,
      city: fields.city || null,
      phone: fields.phone.replace(/[\s/-]/g, "") || null,
      relation,
      timeOfDay,
      ...flags,
    };
    try {
      const result = await api.register(request);
      const number = formatNumber(result.entry.registrationNumber);
      setMessage({
        kind: "success",
        text: t(result.created ? "waitlist.registered" : "waitlist.alreadyListed", { number }),
      });
    } catch (error) {
      setMessage({ kind: "error", text: errorMessage(error, t("waitlist.failed")) });
    }
  };

  const text = (key: keyof typeof fields, type = "text") => (
    <label>
      {t(FIELD[key])}
      <input type={type} value={fields[key]} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} />
    </label>
  );

  return (
    <form onSubmit={submit} aria-labelledby="waitlist-register-heading" className="panel">
      <h3 id="waitlist-register-heading">{t("waitlist.registerHeading")}</h3>
      {text("name")}
      {text("birthDate", "date")}
      {text("postcode")}
      {text("street")}
      {text("city")}
      {text("phone", "tel")}
      <label>
        {t("waitlist.field.relation")}
        <select value={relation} onChange={(e) => setRelation(e.target.value as keyof typeof RELATION)}>
          {RELATIONS.map((r) => (
            <option key={r} value={r}>
              {t(RELATION[r])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("waitlist.field.timeOfDay")}
        <select value={timeOfDay} onChange={(e) => setTimeOfDay(e.target.value as keyof typeof TIME_OF_DAY)}>
          {TIMES.map((x) => (
            <option key={x} value={x}>
              {t(TIME_OF_DAY[x])}
            </option>
          ))}
        </select>
      </label>
      {FLAGS.map((f) => (
        <label key={f} className="choice">
          <input type="checkbox" checked={flags[f]} onChange={(e) => setFlags({ ...flags, [f]: e.target.checked })} />
          {t(FLAG[f])}
        </label>
      ))}
      <button type="submit">{t("waitlist.register")}</button>
      <Outcome id="waitlist-register-outcome" message={message} />
    </form>
  );
}
