// The agent's desk: the phone side on the left (a ringing call, the wrap-up, queue, call
// context, phone, callbacks), booking on the right. Booking state starts fresh for each new
// call or callback.
import { useTranslation } from "react-i18next";
import { BookingArea } from "../features/booking/BookingArea.tsx";
import { CallbackPanel } from "../features/callbacks/CallbackPanel.tsx";
import { CallContextPanel } from "../features/call/CallContextPanel.tsx";
import { QueuePanel } from "../features/call/QueuePanel.tsx";
import { Softphone } from "../features/call/Softphone.tsx";
import { OfferPanel } from "../features/conversation/OfferPanel.tsx";
import { WrapUpPanel } from "../features/conversation/WrapUpPanel.tsx";
import { useWork } from "./work-context.tsx";

export function Desk() {
  const { t } = useTranslation();
  const { call, callback, loadError } = useWork();
  const workKey = call ? `call-${call.callSid}` : callback ? `callback-${callback.id}` : "idle";
  return (
    <div className="desk">
      {loadError && (
        <p role="alert" className="error-text">
          {t("work.loadFailed", { message: loadError })}
        </p>
      )}
      <div className="column">
        <OfferPanel />
        <WrapUpPanel />
        <QueuePanel />
        <CallContextPanel />
        <CallbackPanel />
        <Softphone />
      </div>
      <div className="column column-wide">
        <BookingArea key={workKey} />
      </div>
    </div>
  );
}
