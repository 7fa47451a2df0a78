// Creating indexes with their settings before any document, and keeping the settings current.
import crypto from "node:crypto";
import mongoose, { Schema } from "mongoose";
import type { Meilisearch, Settings } from "meilisearch";
import { TaskFailedError, isIndexNotFound, succeeded } from "./meili-tasks";
import type { SearchSource } from "./sources";

const stateSchema = new Schema(
  {
    _id: { type: String, required: true },
    projectionKey: { type: String, required: true },
    settingsHash: { type: String, required: true },
  },
  { collection: "search_state", versionKey: false, timestamps: true },
);
/** What the live index of each type was last built with. */
export const SearchStateModel = mongoose.model("SearchState", stateSchema);

export function settingsHash(settings: Settings): string {
  return crypto.createHash("sha256").update(JSON.stringify(settings)).digest("hex").slice(0, 16);
}

export async function indexExists(meili: Meilisearch, uid: string): Promise<boolean> {
  try {
    await meili.getIndex(uid);
    return true;
  } catch (err) {
    if (isIndexNotFound(err)) return false;
    throw err;
  }
}

/** Creates the index if needed and applies the settings (waiting for both tasks to succeed). */
export async function createIndexWithSettings(
  meili: Meilisearch,
  uid: string,
  settings: Settings,
  timeoutMs = 60_000,
): Promise<void> {
  if (!(await indexExists(meili, uid))) {
    try {
      await succeeded(meili.createIndex(uid, { primaryKey: "id" }), timeoutMs);
    } catch (err) {
      // Another writer created it in between: fine, the settings below still apply.
      if (!(err instanceof TaskFailedError && err.task.error?.code === "index_already_exists")) throw err;
    }
  }
  await succeeded(meili.index(uid).updateSettings(settings), timeoutMs);
}

export type SettingsAction = "none" | "settings" | "rebuild";

/**
 * Brings the live index in line with the source: creates it with its settings when missing,
 * applies changed settings in place (Meilisearch reindexes its documents itself, searches keep working),
 * and answers "rebuild" when the projection changed shape (the caller runs a reindex).
 */
export async function syncSettings(
  meili: Meilisearch,
  uid: string,
  source: SearchSource,
): Promise<SettingsAction> {
  const settings = await source.settings();
  const hash = settingsHash(settings);
  const state = await SearchStateModel.findById(source.type).lean();
  const exists = await indexExists(meili, uid);
  if (!exists) {
    await createIndexWithSettings(meili, uid, settings);
    await saveState(source, hash);
    return (await source.count()) > 0 ? "rebuild" : "none";
  }
  if (state && state.projectionKey !== (await source.projectionKey())) return "rebuild";
  if (!state || state.settingsHash !== hash) {
    await succeeded(meili.index(uid).updateSettings(settings), 120_000);
    await saveState(source, hash);
    return "settings";
  }
  return "none";
}

export async function saveState(source: SearchSource, hash: string, projectionKey?: string): Promise<void> {
  await SearchStateModel.updateOne(
    { _id: source.type },
    { $set: { projectionKey: projectionKey ?? (await source.projectionKey()), settingsHash: hash } },
    { upsert: true },
  );
}
