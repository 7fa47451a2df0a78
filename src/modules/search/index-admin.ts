// Creating indexes with their settings before any document, and keeping the settings current.
import crypto from "node:crypto";
import mongoose, { Schema } from "mongoose";
import type { Meilisearch, Settings } from "meilisearch";
import type { Logger } from "../../infra/logger";
import { TaskFailedError, isIndexNotFound, succeeded } from "./meili-tasks";
import { indexUid, type SearchSource } from "./sources";

const stateSchema = new Schema(
  {
    _id: { type: String, required: true },
    projectionKey: { type: String, required: true },
    settingsHash: { type: String, required: true },
    /**
     * Set just before a live index that was missing is created (by whoever writes first: the indexer, the
     * start-up check, a search): documents written to MongoDB without an outbox entry, or while the index
     * was gone, are only brought in by a rebuild. Each marking is a new token; a rebuild clears the token it
     * saw when it started, so a marking during a rebuild asks for another one.
     */
    rebuildToken: { type: String, default: null },
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

/**
 * Creates a missing index with its settings (waiting for both tasks to succeed); answers whether it was
 * missing. An index that exists is left alone: the settings job keeps its settings current, and sending
 * them again would only queue a task (the indexer checks each index once after every start).
 */
export async function createIndexWithSettings(
  meili: Meilisearch,
  uid: string,
  settings: Settings,
  timeoutMs = 60_000,
  beforeCreate?: () => Promise<void>,
): Promise<boolean> {
  if (await indexExists(meili, uid)) return false;
  await beforeCreate?.();
  try {
    await succeeded(meili, meili.createIndex(uid, { primaryKey: "id" }), timeoutMs);
  } catch (err) {
    // Another writer created it in between: fine, the settings below still apply.
    if (!(err instanceof TaskFailedError && err.task.error?.code === "index_already_exists")) throw err;
  }
  await succeeded(meili, meili.index(uid).updateSettings(settings), timeoutMs);
  return true;
}

/** Records that the live index of `type` needs a rebuild (see rebuildToken). */
export async function markForRebuild(type: string): Promise<void> {
  await SearchStateModel.updateOne(
    { _id: type },
    { $set: { rebuildToken: crypto.randomBytes(8).toString("hex") } },
    { upsert: true },
  );
}

/**
 * Creates a type's live index with its settings when missing, marking the type for a rebuild first (so the
 * mark survives a crash between the two); answers whether the index was missing.
 */
export function ensureLiveIndex(
  meili: Meilisearch,
  uid: string,
  source: Pick<SearchSource, "type">,
  settings: Settings,
  timeoutMs = 60_000,
): Promise<boolean> {
  return createIndexWithSettings(meili, uid, settings, timeoutMs, () => markForRebuild(source.type));
}

/** The rebuild mark of a type as it is now: a rebuild reads it when it starts, and clears that one. */
export async function rebuildToken(type: string): Promise<string | null> {
  const state = await SearchStateModel.findById(type, { rebuildToken: 1 }).lean();
  return state?.rebuildToken ?? null;
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
  // The index before the state: whoever creates a missing index marks the state first, so an index that
  // exists here (created by the indexer's first write, say) has its mark visible below.
  const created = !(await indexExists(meili, uid)) && (await ensureLiveIndex(meili, uid, source, settings));
  const state = await SearchStateModel.findById(source.type).lean();
  if (state?.rebuildToken) {
    if ((await source.count()) > 0) return "rebuild";
    // Nothing to bring in: the new index is complete once it has the current settings.
    if (!created) await succeeded(meili, meili.index(uid).updateSettings(settings), 120_000);
    await saveState(source, hash, undefined, state.rebuildToken);
    return "none";
  }
  if (state?.projectionKey && state.projectionKey !== (await source.projectionKey())) return "rebuild";
  if (!state?.projectionKey || state.settingsHash !== hash) {
    await succeeded(meili, meili.index(uid).updateSettings(settings), 120_000);
    await saveState(source, hash);
    return "settings";
  }
  return "none";
}

/**
 * One round of the settings job: each source's live index gets its changed settings in place, or a
 * rebuild (`rebuild(type)`) when its documents would change (thesaurus, tags) or it was created while
 * missing. A type that fails does not hold back the others; the round then fails naming each type.
 */
export async function syncSources(
  meili: Meilisearch,
  prefix: string,
  sources: SearchSource[],
  rebuild: (type: string) => Promise<unknown>,
  logger: Logger,
): Promise<void> {
  const failures: string[] = [];
  for (const source of sources) {
    try {
      const action = await syncSettings(meili, indexUid(prefix, source), source);
      if (action === "rebuild") {
        logger.info(
          { type: source.type },
          "search: rebuilding the index (created while missing, or projection or vocabulary changed)",
        );
        await rebuild(source.type);
      } else if (action === "settings") {
        logger.info({ type: source.type }, "search: index settings updated");
      }
    } catch (err) {
      failures.push(`${source.type}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (failures.length > 0) throw new Error(`search settings sync failed for ${failures.join("; ")}`);
}

/**
 * Records what the live index was built with; `rebuilt` is the rebuild token read when a rebuild (or the
 * check of an empty type) started: it is cleared unless the index was marked again since.
 */
export async function saveState(
  source: SearchSource,
  hash: string,
  projectionKey?: string,
  rebuilt?: string | null,
): Promise<void> {
  await SearchStateModel.updateOne(
    { _id: source.type },
    { $set: { projectionKey: projectionKey ?? (await source.projectionKey()), settingsHash: hash } },
    { upsert: true },
  );
  if (rebuilt) {
    await SearchStateModel.updateOne(
      { _id: source.type, rebuildToken: rebuilt },
      { $set: { rebuildToken: null } },
    );
  }
}
