// Supervisors manage the console's accounts: add an agent or supervisor, disable and re-enable,
// reset a password (drawn and shown once, or set by the supervisor). Every change is audited
// with who made it; disabling and a new password end the account's sessions at once, and its
// live sockets on every process.
import type { NewAccountRequest } from "../../contracts/accounts-api.ts";
import type { AgentRecord } from "../agents/agent-store.ts";
import { DomainError } from "../errors.ts";
import type { Clock } from "../ledger/ledger.ts";
import type { AccountStore } from "./account-store.ts";
import { drawPassword, passwordProblem, type PasswordHasher } from "./passwords.ts";

export interface AccountAudit {
  audit(by: string, action: string, details: Record<string, unknown>): Promise<void>;
}

/** Told when an account's sessions were deleted, so its open sockets are cut too. */
export interface SessionsEnded {
  accountSignedOut(accountId: string): void;
}

export interface AccountChange {
  account: AgentRecord;
  /** The drawn password, to be shown once; null when the supervisor chose it. */
  password: string | null;
}

export class AccountService {
  constructor(
    private readonly store: AccountStore,
    private readonly passwords: PasswordHasher,
    private readonly audit: AccountAudit,
    private readonly clock: Clock,
    private readonly sessions: SessionsEnded,
  ) {}

  list(): Promise<AgentRecord[]> {
    return this.store.all();
  }

  async create(request: NewAccountRequest, by: string): Promise<AccountChange> {
    const { password, drawn } = this.choosePassword(request.id, request.password);
    const centreId = request.role === "centre" ? (request.centreId ?? null) : null;
    if (request.role === "centre" && (centreId === null || !(await this.store.centreExists(centreId))))
      throw new DomainError("centre_unknown");
    const created = await this.store.create({
      id: request.id,
      displayName: request.displayName,
      role: request.role,
      centreId,
      passwordHash: await this.passwords.hash(password),
      at: this.clock.now(),
    });
    if (!created) throw new DomainError("account_exists", { id: request.id });
    await this.audit.audit(by, "account.create", {
      account: request.id,
      role: request.role,
      ...(centreId === null ? {} : { centreId }),
      passwordDrawn: drawn,
    });
    return { account: await this.existing(request.id), password: drawn ? password : null };
  }

  async resetPassword(id: string, chosen: string | undefined, by: string): Promise<AccountChange> {
    const { password, drawn } = this.choosePassword(id, chosen);
    if (!(await this.store.setPassword(id, await this.passwords.hash(password), this.clock.now())))
      throw new DomainError("account_unknown");
    this.sessions.accountSignedOut(id);
    await this.audit.audit(by, "account.password", { account: id, passwordDrawn: drawn });
    return { account: await this.existing(id), password: drawn ? password : null };
  }

  async disable(id: string, by: string): Promise<AgentRecord> {
    if (id === by) throw new DomainError("account_own");
    const result = await this.store.disable(id, this.clock.now());
    if (result === "unknown") throw new DomainError("account_unknown");
    if (result === "last-supervisor") throw new DomainError("account_last_supervisor");
    this.sessions.accountSignedOut(id);
    await this.audit.audit(by, "account.disable", { account: id });
    return this.existing(id);
  }

  async enable(id: string, by: string): Promise<AgentRecord> {
    if (!(await this.store.enable(id))) throw new DomainError("account_unknown");
    await this.audit.audit(by, "account.enable", { account: id });
    return this.existing(id);
  }

  private choosePassword(id: string, chosen: string | undefined): { password: string; drawn: boolean } {
    if (chosen === undefined) return { password: drawPassword(), drawn: true };
    const problem = passwordProblem(id, chosen);
    if (problem) throw new DomainError("password_unsuitable", { problem });
    return { password: chosen, drawn: false };
  }

  private async existing(id: string): Promise<AgentRecord> {
    const account = await this.store.find(id);
    if (!account) throw new DomainError("account_unknown");
    return account;
  }
}
