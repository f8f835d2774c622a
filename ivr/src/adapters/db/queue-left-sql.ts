// How a queue entry records that its caller left: shared by the queue store and the end of a
// call, so both close an entry the same way. Parameters: $2 the moment (timestamptz), $3 the
// result, $4 the wait in seconds Twilio reported (or null: counted from the entry).
export const QUEUE_LEFT_SET = `
  status = CASE WHEN status = 'bridged' THEN status ELSE 'left' END, result = COALESCE(result, $3::text),
  left_at = COALESCE(left_at, $2::timestamptz),
  wait_seconds = COALESCE(wait_seconds, $4::int, EXTRACT(EPOCH FROM ($2::timestamptz - enqueued_at))::int),
  ended_at = CASE WHEN status = 'bridged' THEN COALESCE(ended_at, $2::timestamptz) ELSE ended_at END`;
