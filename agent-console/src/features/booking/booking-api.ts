// The booking endpoints, typed from the contract; request bodies are checked with the
// contract's own schemas before they leave the browser.
import {
  bookingSearchRequest,
  bookRequest,
  holdRequest,
  rebookRequest,
  searchQuery,
  type BookingMatch,
  type BookingSearchRequest,
  type BookingView,
  type HeldPairView,
  type SearchResult,
} from "@contracts/console-api.ts";
import type { z } from "zod";
import type { ApiClient } from "../../app/api-client.ts";

export type SearchParams = z.infer<typeof searchQuery>;
export type PersonInput = z.infer<typeof bookRequest>["person"];

export function searchPairs(api: ApiClient, params: SearchParams): Promise<SearchResult> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchQuery.parse(params)))
    if (value !== undefined) query.set(key, String(value));
  return api.get<SearchResult>(`/api/search?${query}`);
}

/** Who in the conversation a hold is for; the server keeps one hold per member and replaces it. */
export type HoldMember = NonNullable<z.infer<typeof holdRequest>["member"]>;

export function holdPair(
  api: ApiClient,
  firstSlotId: number,
  member: HoldMember,
  replaceHoldId?: string,
): Promise<HeldPairView> {
  return api.post<HeldPairView>("/api/holds", holdRequest.parse({ firstSlotId, replaceHoldId, member }));
}

export function releaseHold(api: ApiClient, holdId: string): Promise<void> {
  return api.del(`/api/holds/${encodeURIComponent(holdId)}`);
}

export async function book(
  api: ApiClient,
  holdId: string,
  person: PersonInput,
  idempotencyKey: string,
): Promise<BookingView> {
  const body = bookRequest.parse({ holdId, person, idempotencyKey });
  return (await api.post<{ booking: BookingView }>("/api/bookings", body)).booking;
}

/** "7kqm p2xd 9hta" → "7KQM-P2XD-9HTA"-style input cleaned to "7KQMP2XD9HTA"; digits stay digits. */
export const normaliseCode = (input: string) => input.replace(/[\s-]/g, "").toUpperCase();

export async function lookupBooking(api: ApiClient, code: string): Promise<BookingView> {
  return (await api.get<{ booking: BookingView }>(`/api/bookings/${encodeURIComponent(code)}`)).booking;
}

/** Bookings of the person with this name, birth date and postcode (POST: no personal data in the URL). */
export async function searchBookings(api: ApiClient, request: BookingSearchRequest): Promise<BookingMatch[]> {
  const body = bookingSearchRequest.parse(request);
  return (await api.post<{ bookings: BookingMatch[] }>("/api/bookings/search", body)).bookings;
}

export async function cancelBooking(api: ApiClient, code: string): Promise<BookingView> {
  return (await api.post<{ booking: BookingView }>(`/api/bookings/${encodeURIComponent(code)}/cancel`, {})).booking;
}

export async function rebook(
  api: ApiClient,
  code: string,
  holdId: string,
  idempotencyKey: string,
): Promise<BookingView> {
  const body = rebookRequest.parse({ holdId, idempotencyKey });
  return (await api.post<{ booking: BookingView }>(`/api/bookings/${encodeURIComponent(code)}/rebook`, body)).booking;
}
