// Vocabularies (themes, zones, provinces, target groups, funding) and curated tags.
// Read paths are served from a small in-memory snapshot; every write clears it.
import mongoose, { type ClientSession, type Connection } from "mongoose";
import { ConflictError, NotFoundError, ValidationError, type ErrorDetail } from "../../web/errors";
import type { Actor } from "../accounts/index";
import { slugify, isSlug } from "./slug";
import { TagModel } from "./tag.model";
import { VocabularyTermModel } from "./vocabulary.model";
import { seedVocabularies } from "./vocabulary.seed";
import type { TagForm, TermForm } from "./taxonomy.schemas";
import type {
  TagChangeHook,
  TagIndex,
  TagMergeHook,
  TagStatus,
  TagView,
  Term,
  Vocabulary,
  VocabularyKind,
} from "./taxonomy.types";

const CACHE_MS = 30_000;

function toTagView(t: {
  _id: mongoose.Types.ObjectId;
  slug: string;
  oldSlugs?: string[] | null;
  label_it: string;
  label_en?: string | null;
  description_it?: string | null;
  description_en?: string | null;
  synonyms?: string[] | null;
  status: TagStatus;
  usageCount?: number | null;
  mergedInto?: mongoose.Types.ObjectId | null;
  proposedBy?: { id?: string | null; name?: string | null } | null;
}): TagView {
  return {
    id: String(t._id),
    slug: t.slug,
    oldSlugs: t.oldSlugs ?? [],
    label_it: t.label_it,
    label_en: t.label_en ?? "",
    description_it: t.description_it ?? "",
    description_en: t.description_en ?? "",
    synonyms: t.synonyms ?? [],
    status: t.status,
    usageCount: t.usageCount ?? 0,
    mergedInto: t.mergedInto ? String(t.mergedInto) : undefined,
    proposedBy: t.proposedBy
      ? { id: t.proposedBy.id ?? undefined, name: t.proposedBy.name ?? undefined }
      : undefined,
  };
}

export function createTaxonomyService(deps: { connection: Connection }) {
  let vocabCache: { value: Vocabulary; expires: number } | undefined;
  let tagCache: { value: TagIndex; expires: number } | undefined;
  const mergeHooks: TagMergeHook[] = [];
  const changeHooks: TagChangeHook[] = [];
  const listeners: (() => void)[] = [];
  /**
   * Goes up with every invalidation. A load keeps its result only if no invalidation happened while it
   * read: otherwise a load that started before a change (the indexer reading tags while a merge commits)
   * would cache what the change just replaced, for CACHE_MS.
   */
  let generation = 0;

  function invalidate(): void {
    generation++;
    vocabCache = undefined;
    tagCache = undefined;
    for (const l of listeners) l();
  }

  async function vocabulary(): Promise<Vocabulary> {
    if (vocabCache && vocabCache.expires > Date.now()) return vocabCache.value;
    const started = generation;
    const docs = await VocabularyTermModel.find({}).sort({ kind: 1, order: 1 }).lean();
    const terms: Term[] = docs.map((d) => ({
      kind: d.kind,
      key: d.key,
      order: d.order ?? 0,
      label_it: d.label_it,
      label_en: d.label_en,
      description_it: d.description_it ?? "",
      description_en: d.description_en ?? "",
      guidingQuestions: (d.guidingQuestions ?? []).map((q) => ({
        id: q.id ?? "",
        it: q.it ?? "",
        en: q.en ?? "",
      })),
      provinces: d.provinces ?? [],
      aliases: d.aliases ?? [],
      towns: d.towns ?? [],
      role: d.role ?? undefined,
      editedAt: d.editedAt ?? undefined,
    }));
    const map = new Map(terms.map((t) => [`${t.kind}:${t.key}`, t]));
    const of = (kind: VocabularyKind) => terms.filter((t) => t.kind === kind);
    const value: Vocabulary = {
      themes: of("theme"),
      zones: of("zone"),
      provinces: of("province"),
      targetGroups: of("targetGroup"),
      funding: of("funding"),
      get: (kind, key) => map.get(`${kind}:${key}`),
    };
    if (generation === started) vocabCache = { value, expires: Date.now() + CACHE_MS };
    return value;
  }

  async function tags(): Promise<TagIndex> {
    if (tagCache && tagCache.expires > Date.now()) return tagCache.value;
    const started = generation;
    const all = (await TagModel.find({}).sort({ label_it: 1 }).lean()).map(toTagView);
    const value: TagIndex = {
      all,
      byId: new Map(all.map((t) => [t.id, t])),
      bySlug: new Map(all.map((t) => [t.slug, t])),
      byOldSlug: new Map(all.flatMap((t) => t.oldSlugs.map((s) => [s, t] as const))),
    };
    if (generation === started) tagCache = { value, expires: Date.now() + CACHE_MS };
    return value;
  }

  /** The tag at a slug, or where an old or merged slug now lives (for a 301). */
  async function findTag(slug: string): Promise<{ tag: TagView } | { redirectTo: string } | null> {
    const index = await tags();
    let tag = index.bySlug.get(slug);
    if (!tag) {
      const moved = index.byOldSlug.get(slug);
      return moved ? { redirectTo: followMerges(index, moved).slug } : null;
    }
    if (tag.status === "merged" && tag.mergedInto) {
      tag = followMerges(index, tag);
      return { redirectTo: tag.slug };
    }
    return { tag };
  }

  function followMerges(index: TagIndex, tag: TagView): TagView {
    let current = tag;
    for (let i = 0; i < 10 && current.status === "merged" && current.mergedInto; i++) {
      current = index.byId.get(current.mergedInto) ?? current;
    }
    return current;
  }

  /** Maps tag slugs (current, old or merged) to the ids of active tags; reports the unknown ones. */
  async function resolveTagSlugs(slugs: string[]): Promise<{ ids: string[]; unknown: string[] }> {
    const index = await tags();
    const ids: string[] = [];
    const unknown: string[] = [];
    for (const slug of slugs) {
      const found = index.bySlug.get(slug) ?? index.byOldSlug.get(slug);
      const tag = found ? followMerges(index, found) : undefined;
      if (tag && tag.status === "active") ids.push(tag.id);
      else unknown.push(slug);
    }
    return { ids: [...new Set(ids)], unknown };
  }

  async function requireTag(slug: string, session?: ClientSession) {
    const tag = await TagModel.findOne({ slug }).session(session ?? null);
    if (!tag) throw new NotFoundError(`No tag ${slug}`);
    return tag;
  }

  async function slugFor(form: TagForm, exceptId?: string): Promise<string> {
    const slug = form.slug ? form.slug : slugify(form.label_it, 60);
    const details: ErrorDetail[] = [];
    if (!isSlug(slug)) details.push({ field: "slug", message: "tax.error.slugFormat" });
    else {
      const clash = await TagModel.findOne({ $or: [{ slug }, { oldSlugs: slug }] }, { _id: 1 }).lean();
      if (clash && String(clash._id) !== exceptId)
        details.push({ field: "slug", message: "tax.error.slugTaken" });
    }
    if (details.length > 0) throw new ValidationError("Invalid tag", details);
    return slug;
  }

  async function createTag(actor: Actor, form: TagForm, status: "active" | "proposed"): Promise<TagView> {
    const slug = await slugFor(form);
    const by = { id: actor.id, name: actor.name };
    try {
      const doc = await TagModel.create({
        slug,
        label_it: form.label_it,
        label_en: form.label_en,
        description_it: form.description_it,
        description_en: form.description_en,
        synonyms: form.synonyms,
        status,
        createdBy: by,
        proposedBy: status === "proposed" ? by : undefined,
      });
      invalidate();
      return toTagView(doc.toObject());
    } catch (err) {
      if ((err as { code?: number }).code === 11000) {
        throw new ValidationError("Invalid tag", [{ field: "slug", message: "tax.error.slugTaken" }]);
      }
      throw err;
    }
  }

  /** Edits a tag; a new slug keeps the old one as a redirect. */
  async function updateTag(actor: Actor, slug: string, form: TagForm): Promise<TagView> {
    const view = await deps.connection.transaction(async (session) => {
      const tag = await requireTag(slug, session);
      const newSlug = form.slug && form.slug !== tag.slug ? await slugFor(form, String(tag._id)) : tag.slug;
      if (newSlug !== tag.slug) {
        tag.oldSlugs = [...new Set([...tag.oldSlugs, tag.slug])].filter((s) => s !== newSlug);
        tag.slug = newSlug;
      }
      Object.assign(tag, {
        label_it: form.label_it,
        label_en: form.label_en,
        description_it: form.description_it,
        description_en: form.description_en,
        synonyms: form.synonyms,
        updatedBy: { id: actor.id, name: actor.name },
      });
      await tag.save({ session });
      const v = toTagView(tag.toObject());
      for (const hook of changeHooks) await hook(session, v);
      return v;
    });
    invalidate();
    return view;
  }

  async function setStatus(actor: Actor, slug: string, from: TagStatus[], to: TagStatus): Promise<TagView> {
    const tag = await requireTag(slug);
    if (!from.includes(tag.status)) {
      throw new ConflictError(`The tag is ${tag.status}; it cannot become ${to}`);
    }
    const view = await deps.connection.transaction(async (session) => {
      tag.status = to;
      tag.updatedBy = { id: actor.id, name: actor.name };
      await tag.save({ session });
      const v = toTagView(tag.toObject());
      for (const hook of changeHooks) await hook(session, v);
      return v;
    });
    invalidate();
    return view;
  }

  /**
   * Merges `loserSlug` into `survivorSlug`: the survivor gains the loser's labels and synonyms,
   * every merge hook (projects, notes) moves its references, then the change hooks run for the survivor
   * (they queue the search updates, moved documents included), and the loser's slug redirects.
   */
  async function mergeTags(actor: Actor, loserSlug: string, survivorSlug: string): Promise<TagView> {
    if (loserSlug === survivorSlug) {
      throw new ValidationError("A tag cannot be merged into itself", [
        { field: "into", message: "tax.error.mergeSelf" },
      ]);
    }
    const view = await deps.connection.transaction(async (session) => {
      const loser = await requireTag(loserSlug, session);
      const survivor = await TagModel.findOne({ slug: survivorSlug }).session(session);
      if (!survivor || survivor.status !== "active") {
        throw new ValidationError("Unknown tag to merge into", [
          { field: "into", message: "tax.error.mergeTarget" },
        ]);
      }
      if (loser.status === "merged") throw new ConflictError("The tag was already merged");
      const extra = [loser.label_it, loser.label_en, ...loser.synonyms].filter(
        (s) => s && s !== survivor.label_it && s !== survivor.label_en,
      );
      survivor.synonyms = [...new Set([...survivor.synonyms, ...extra])];
      survivor.oldSlugs = [...new Set([...survivor.oldSlugs, loser.slug, ...loser.oldSlugs])];
      survivor.updatedBy = { id: actor.id, name: actor.name };
      loser.status = "merged";
      loser.mergedInto = survivor._id;
      loser.oldSlugs = [];
      loser.updatedBy = { id: actor.id, name: actor.name };
      // The loser keeps its document (history) but frees nothing: its slug now redirects via the survivor.
      await loser.save({ session });
      await survivor.save({ session });
      const loserView = toTagView(loser.toObject());
      const survivorView = toTagView(survivor.toObject());
      for (const hook of mergeHooks) await hook(session, loserView, survivorView, actor);
      for (const hook of changeHooks) await hook(session, survivorView);
      return survivorView;
    });
    invalidate();
    return view;
  }

  async function updateTerm(actor: Actor, kind: VocabularyKind, key: string, form: TermForm): Promise<void> {
    const term = await VocabularyTermModel.findOne({ kind, key });
    if (!term) throw new NotFoundError(`No ${kind} ${key}`);
    term.label_it = form.label_it;
    term.label_en = form.label_en;
    term.description_it = form.description_it;
    term.description_en = form.description_en;
    if (kind === "theme" && form.questions_it !== undefined) {
      const it = form.questions_it
        .split("\n")
        .map((s) => s.trim())
        .filter(Boolean);
      const en = (form.questions_en ?? "").split("\n").map((s) => s.trim());
      term.guidingQuestions = it.map((q, i) => ({
        id: term.guidingQuestions?.[i]?.id ?? `${key}-q${i + 1}`,
        it: q,
        en: en[i] ?? "",
      })) as typeof term.guidingQuestions;
    }
    term.editedAt = new Date();
    term.editedBy = actor.id;
    await term.save();
    invalidate();
  }

  /** Writes usage counts computed by the catalogue, in its transaction. */
  async function setTagUsage(session: ClientSession, counts: Map<string, number>): Promise<void> {
    if (counts.size === 0) return;
    await TagModel.bulkWrite(
      [...counts].map(([id, n]) => ({
        updateOne: { filter: { _id: new mongoose.Types.ObjectId(id) }, update: { $set: { usageCount: n } } },
      })),
      { session },
    );
    generation++;
    tagCache = undefined;
  }

  /** Adds the catalogue's +1/-1 changes to usage counts, in its transaction. */
  async function adjustTagUsage(session: ClientSession, deltas: Map<string, number>): Promise<void> {
    const ops = [...deltas].filter(([, n]) => n !== 0);
    if (ops.length === 0) return;
    await TagModel.bulkWrite(
      ops.map(([id, n]) => ({
        updateOne: { filter: { _id: new mongoose.Types.ObjectId(id) }, update: { $inc: { usageCount: n } } },
      })),
      { session },
    );
    generation++;
    tagCache = undefined;
  }

  return {
    seed: async () => {
      const result = await seedVocabularies();
      invalidate();
      return result;
    },
    vocabulary,
    tags,
    findTag,
    resolveTagSlugs,
    createTag: (actor: Actor, form: TagForm) => createTag(actor, form, "active"),
    /** A member's proposal: waits for a coordinator's approval. */
    proposeTag: (actor: Actor, form: TagForm) => createTag(actor, form, "proposed"),
    approveTag: (actor: Actor, slug: string) => setStatus(actor, slug, ["proposed"], "active"),
    rejectTag: (actor: Actor, slug: string) => setStatus(actor, slug, ["proposed"], "retired"),
    retireTag: (actor: Actor, slug: string) => setStatus(actor, slug, ["active"], "retired"),
    reactivateTag: (actor: Actor, slug: string) => setStatus(actor, slug, ["retired"], "active"),
    updateTag,
    mergeTags,
    updateTerm,
    setTagUsage,
    adjustTagUsage,
    /** Registers a function run inside every tag merge (projects, notes...), before the change hooks. */
    onTagMerged: (hook: TagMergeHook) => void mergeHooks.push(hook),
    /** Registers a function run inside every tag edit, rename, retirement or merge. */
    onTagChanged: (hook: TagChangeHook) => void changeHooks.push(hook),
    /** Registers a function called after any vocabulary or tag change (e.g. to clear page caches). */
    onChange: (listener: () => void) => void listeners.push(listener),
    invalidate,
  };
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;
