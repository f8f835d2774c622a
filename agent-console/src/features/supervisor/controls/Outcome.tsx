// The result of a control: a success (status) or the server's message (alert, id "<id>-error").
export type OutcomeMessage = { kind: "success" | "error"; text: string } | null;

export function Outcome({ id, message }: { id: string; message: OutcomeMessage }) {
  return (
    <>
      <p id={id} role="status" className="outcome-success">
        {message?.kind === "success" ? message.text : ""}
      </p>
      <p id={`${id}-error`} role="alert" className="error-text" hidden={message?.kind !== "error"}>
        {message?.kind === "error" ? message.text : ""}
      </p>
    </>
  );
}
