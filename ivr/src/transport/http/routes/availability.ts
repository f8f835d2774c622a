// Public availability: no personal data, the same ledger the phone menu and the agents read.
import { Router } from "express";
import type { AddressRateLimit } from "../../../domain/limits/address-rate-limit.ts";
import type { CentreAvailability } from "../../../domain/ledger/availability.ts";
import type { Ledger } from "../../../domain/ledger/ledger.ts";
import type { FreePair } from "../../../domain/ledger/ledger-store.ts";
import { formatAppointmentDe } from "../../../domain/time/german-format.ts";
import { route } from "../http-errors.ts";
import { DomainError } from "../../../domain/errors.ts";
import { clientAddress } from "../client-address.ts";

export function availabilityRoutes(ledger: Ledger, limit: AddressRateLimit): Router {
  const router = Router();
  router.get(
    "/api/availability",
    route(async (req, res) => {
      // Public and unauthenticated: 406 requests a second took both cores (issue 15).
      const refused = await limit.take(clientAddress(req));
      if (refused) throw new DomainError("too_many_requests", { ...refused });
      const postcode = typeof req.query.postcode === "string" ? req.query.postcode.trim() : "";
      if (!/^\d{5}$/.test(postcode)) throw new DomainError("postcode_invalid");
      const answer = await ledger.availability.forPostcode(postcode, ledger.offerFrom());
      res.set("Cache-Control", "no-store").json({
        postcode: answer.postcode,
        areas: answer.areas.map((a) => ({ ...centreView(a), places: a.places })),
        alternatives: answer.alternatives.map((a) => ({ ...centreView(a), distanceKm: Math.round(a.km) })),
        regionFull: answer.regionFull,
      });
    }),
  );
  return router;
}

function centreView(a: CentreAvailability) {
  const { centre, district } = a;
  return {
    district: { id: district.id, name: district.name, state: district.state, region: district.regionId },
    centre: { id: centre.id, name: centre.name, street: centre.street, postcode: centre.postcode, city: centre.city },
    freePairs: a.freePairs,
    full: a.earliest === null,
    earliest: a.earliest ? pairView(a.earliest) : null,
  };
}

export function pairView(pair: FreePair) {
  return {
    firstDose: {
      slotId: pair.firstSlotId,
      startsAt: pair.firstStartsAt.toISOString(),
      text: formatAppointmentDe(pair.firstStartsAt),
    },
    secondDose: {
      slotId: pair.secondSlotId,
      startsAt: pair.secondStartsAt.toISOString(),
      text: formatAppointmentDe(pair.secondStartsAt),
    },
  };
}
