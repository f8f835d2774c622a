// Reads of bookings by agents, in the booking's own audit trail (booking_event), next to its
// "booked" and "cancelled" events: one index probe finds everything that happened to a
// booking, including who looked at it, and whatever later erases a booking erases its trail.
import type { BookingReadAudit } from "../../domain/ledger/agent-booking-reads.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

export class PrismaBookingAudit implements BookingReadAudit {
  constructor(private readonly prisma: PrismaClient) {}

  async bookingViewed(bookingId: number, agentId: string, at: Date): Promise<void> {
    await this.prisma.bookingEvent.create({ data: { bookingId, action: "viewed", channel: "agent", agentId, at } });
  }
}
