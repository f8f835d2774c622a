// Payloads as the server sends them, typed by the contract.
import type {
  BookingView,
  CallbackView,
  CallContextView,
  ConversationView,
  HeldPairView,
  OfferView,
  QueueSummary,
  SearchResult,
  UserView,
} from "@contracts/console-api.ts";

export const agent: UserView = { id: "u-agent-1", displayName: "Anna Schmidt", role: "agent", state: "available" };
export const supervisor: UserView = {
  id: "u-lead-1",
  displayName: "Bernd Vogel",
  role: "supervisor",
  state: "available",
};

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

export const heldPair = (overrides: Partial<HeldPairView> = {}): HeldPairView => ({
  holdId: "0b6f1c1e-4f7a-4a51-9a55-3c1f3d2e9a10",
  firstSlotId: 501,
  secondSlotId: 901,
  centreId: 12,
  firstStartsAt: "2021-01-26T09:00:00.000Z",
  secondStartsAt: "2021-02-16T09:00:00.000Z",
  expiresAt: inMinutes(5),
  ...overrides,
});

export const callContext = (overrides: Partial<CallContextView> = {}): CallContextView => ({
  callSid: "CA0123456789abcdef0123456789abcdef",
  kind: "inbound",
  language: "tr",
  phone: "+49 5241 123456",
  postcode: "33330",
  district: { id: 5754, name: "Kreis Gütersloh" },
  centre: { id: 12, name: "Impfzentrum Gütersloh" },
  heldPair: null,
  birthYear: 1938,
  birthDate: "1938-03-03",
  path: ["welcome", "main-menu", "birth-year", "postcode", "postcode", "offer", "operator"],
  reason: "cannot-book",
  enqueuedAt: "2021-01-25T08:02:00.000Z",
  answeredAt: "2021-01-25T08:05:20.000Z",
  waitedSeconds: 200,
  callbackRequestId: null,
  ...overrides,
});

export const queue = (overrides: Partial<QueueSummary> = {}): QueueSummary => ({
  waiting: 7,
  longestWaitSeconds: 754,
  next: { callSid: "CAnext", language: "de", reason: "pressed-0", enqueuedAt: "2021-01-25T08:00:00.000Z" },
  ...overrides,
});

export const searchResult = (overrides: Partial<SearchResult> = {}): SearchResult => ({
  regionFull: false,
  options: [
    {
      centreId: 12,
      centreName: "Impfzentrum Gütersloh",
      city: "Gütersloh",
      districtName: "Kreis Gütersloh",
      region: "KV Westfalen-Lippe",
      freePairs: 1234,
      distanceKm: 3.4,
      pairs: [
        {
          firstSlotId: 501,
          secondSlotId: 901,
          centreId: 12,
          firstStartsAt: "2021-01-26T09:00:00.000Z",
          secondStartsAt: "2021-02-16T09:00:00.000Z",
        },
        {
          firstSlotId: 502,
          secondSlotId: 902,
          centreId: 12,
          firstStartsAt: "2021-01-26T09:30:00.000Z",
          secondStartsAt: "2021-02-16T09:30:00.000Z",
        },
      ],
    },
  ],
  ...overrides,
});

export const booking = (overrides: Partial<BookingView> = {}): BookingView => ({
  id: 77,
  code: "7KQMP2XD9HTA",
  codeFormatted: "7KQM-P2XD-9HTA",
  keypadCode: "757672939482",
  keypadFormatted: "757 672 939 482",
  status: "active",
  channel: "agent",
  centre: { id: 12, name: "Impfzentrum Gütersloh", street: "Carl-Miele-Straße 214", city: "Gütersloh" },
  firstStartsAt: "2021-01-26T09:00:00.000Z",
  secondStartsAt: "2021-02-16T09:00:00.000Z",
  person: { name: "Else Müller", birthDate: "1938-03-03", postcode: "33330", phone: "+49 5241 123456" },
  ...overrides,
});

export const callback = (overrides: Partial<CallbackView> = {}): CallbackView => ({
  id: 41,
  token: "6a2f7c1d-93b4-4e1f-8c2a-5d6e7f8a9b0c",
  phone: "+49 69 9876543",
  language: "pl",
  reason: "awaiting-supply",
  status: "claimed",
  attempts: 2,
  birthYear: 1935,
  hasCode: false,
  firstContactAt: "2021-01-25T07:45:00.000Z",
  window: { from: "2021-01-27T08:00:00.000Z", to: "2021-01-27T11:00:00.000Z" },
  notes: "Tochter nimmt ab",
  context: { postcode: "60311" },
  heldPair: null,
  ...overrides,
});

/** The <dd> text after the <dt> with this label, inside `container`. */
export const offer = (overrides: Partial<OfferView> = {}): OfferView => ({
  id: 17,
  kind: "call",
  callSid: "CA0123456789abcdef0123456789abcdef",
  callbackId: null,
  language: "tr",
  reason: "pressed-0",
  enqueuedAt: inMinutes(-3),
  offeredAt: new Date().toISOString(),
  expiresAt: inMinutes(0.25),
  ...overrides,
});

/** A conversation that ended and is being wrapped up (a minute left). */
export const wrapUp = (overrides: Partial<ConversationView> = {}): ConversationView => ({
  id: 5,
  kind: "call",
  callSid: "CA0123456789abcdef0123456789abcdef",
  callbackId: null,
  startedAt: inMinutes(-4),
  dialledAt: null,
  endedAt: inMinutes(0),
  wrapUpUntil: inMinutes(1),
  wrapUpExtended: false,
  outcome: null,
  note: null,
  ...overrides,
});

export function fact(container: HTMLElement, label: string): string {
  const term = [...container.querySelectorAll("dt")].find((dt) => dt.textContent === label);
  if (!term) throw new Error(`no fact "${label}"`);
  return term.nextElementSibling?.textContent ?? "";
}
