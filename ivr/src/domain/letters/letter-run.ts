// The day's print batch of confirmation letters: every active phone booking whose person gets
// the confirmation by letter and whose name and address are typed (the worklist settles the
// rest first). Gathering is idempotent: a letter goes into exactly one day's batch, and the
// batch can be printed again.
import type { Geography } from "../geo/geography.ts";
import type { Clock } from "../ledger/ledger.ts";
import { berlinDate } from "../time/berlin.ts";
import { confirmationLetter, type ConfirmationLetterInput, type Letter } from "./confirmation-letter.ts";
import { movedLetter } from "./moved-letter.ts";
import { invitationLetter } from "./invitation-letter.ts";

export interface LetterRow {
  /**
   * A phone booking's confirmation, a waiting-list invitation booked for a letter, or "moved"
   * (a supply drop moved the pair; see domain/supply).
   */
  kind: "confirmation" | "invitation" | "moved";
  /** The person's language (invitations: as registered), for one line in it. */
  language: string;
  code: string;
  name: string;
  street: string;
  postcode: string;
  city: string;
  centreId: number;
  firstStartsAt: Date;
  secondStartsAt: Date;
}

export interface LetterStore {
  /** Puts every due confirmation into the batch of `day`; answers how many were added. */
  gather(day: string): Promise<number>;
  batch(day: string): Promise<LetterRow[]>;
  /** Confirmations still waiting for a typed name or address (the worklist). */
  waitingForDetails(): Promise<number>;
  audit(
    agentId: string,
    action: "letters_gathered" | "letters_printed",
    details: Record<string, unknown>,
  ): Promise<void>;
}

export class LetterRun {
  constructor(
    private readonly store: LetterStore,
    private readonly geography: Geography,
    private readonly clock: Clock,
    /** Name, number and (live) hours of the hotline, as the letter gives them. */
    private readonly hotline: () => ConfirmationLetterInput["hotline"],
  ) {}

  today(): string {
    return berlinDate(this.clock.now());
  }

  async gather(by: string): Promise<{ day: string; added: number; total: number; waitingForDetails: number }> {
    const day = this.today();
    const added = await this.store.gather(day);
    const [total, waitingForDetails] = await Promise.all([
      this.store.batch(day).then((rows) => rows.length),
      this.store.waitingForDetails(),
    ]);
    await this.store.audit(by, "letters_gathered", { day, added });
    return { day, added, total, waitingForDetails };
  }

  /** The day's batch; with `regionId`, only that KV region's letters (each region prints its own). */
  async letters(day: string, by: string, regionId?: string): Promise<Letter[]> {
    const all = await this.store.batch(day);
    const rows = regionId
      ? all.filter((row) => this.geography.districtOfCentre(row.centreId)?.regionId === regionId)
      : all;
    await this.store.audit(by, "letters_printed", { day, letters: rows.length, ...(regionId ? { regionId } : {}) });
    return rows.map((row) => {
      const centre = this.geography.districtOfCentre(row.centreId)?.centre;
      const write =
        row.kind === "invitation" ? invitationLetter : row.kind === "moved" ? movedLetter : confirmationLetter;
      return write({
        language: row.language,
        recipient: { name: row.name, street: row.street, postcode: row.postcode, city: row.city },
        centre: {
          name: centre?.name ?? "Impfzentrum",
          street: centre?.street || null,
          postcode: centre?.postcode ?? null,
          city: centre?.city ?? "",
        },
        code: row.code,
        firstStartsAt: row.firstStartsAt,
        secondStartsAt: row.secondStartsAt,
        printedAt: this.clock.now(),
        hotline: this.hotline(),
      });
    });
  }
}
