import type { OperationsSettings } from "../../domain/operations-settings.ts";
import type { SettingsStore, StoredSettings } from "../../domain/supervision/settings-store.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

export class PrismaSettingsStore implements SettingsStore {
  constructor(private readonly prisma: PrismaClient) {}

  async load(): Promise<StoredSettings | null> {
    const rows = await this.prisma.$queryRaw<{ settings: OperationsSettings | string; version: number }[]>`
      SELECT settings, version FROM operations_settings WHERE id = 1`;
    const row = rows[0];
    if (!row) return null;
    return {
      settings: typeof row.settings === "string" ? JSON.parse(row.settings) : row.settings,
      version: row.version,
    };
  }

  async initialise(settings: OperationsSettings, by: string): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO operations_settings (id, settings, version, updated_by) VALUES (1, ${JSON.stringify(settings)}::jsonb, 1, ${by})
      ON CONFLICT (id) DO NOTHING`;
  }

  async save(settings: OperationsSettings, expectedVersion: number, by: string): Promise<number | null> {
    const rows = await this.prisma.$queryRaw<{ version: number }[]>`
      UPDATE operations_settings SET settings = ${JSON.stringify(settings)}::jsonb, version = version + 1, updated_at = now(), updated_by = ${by}
       WHERE id = 1 AND version = ${expectedVersion}::int RETURNING version`;
    return rows[0]?.version ?? null;
  }
}
