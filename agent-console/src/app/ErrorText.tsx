/** A message next to what it is about; link it with aria-describedby={id}. */
export function ErrorText({ id, message }: { id: string; message: string | null }) {
  return (
    <p id={id} role="alert" className="error-text" hidden={!message}>
      {message}
    </p>
  );
}
