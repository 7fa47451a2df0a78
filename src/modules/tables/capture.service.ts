// Live capture: a facilitator (the session's account, or a coordinator) opens a session for contributions
// and gets a short code; participants type it (throttled against guessing) and send short structured
// contributions, signed in or as guests, which land as notes of the session. The code stops working
// when the session closes or its time is up. Floods are throttled per guest, per session and per address;
// what was accepted before a refusal stays.
import crypto from "node:crypto";
import mongoose from "mongoose";
import { take, used } from "../../infra/throttle";
import { hasRole } from "../../web/auth-guards";
import { ConflictError, ForbiddenError, TooManyRequestsError, ValidationError } from "../../web/errors";
import type { Actor } from "../accounts/index";
import type { AuditService } from "../audit/index";
import type { NotesModule } from "../notes/index";
import type { ProjectRefs } from "../projects/index";
import type { TaxonomyService } from "../taxonomy/index";
import type { EventsService } from "./events.service";
import type { GuestPass } from "./guest-pass";
import { TableSessionModel, type TableSessionDoc } from "./session.model";
import type { ContributionForm } from "./tables.schemas";

/** Letters and digits that cannot be mistaken for each other when read off a screen (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G). */
export const CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679";
export const CODE_LENGTH = 6;

const MINUTE = 60;
/**
 * Codes typed from one address, right or wrong, counted before the look-up: a room of participants on one
 * network joins at once, a script guessing 1 in 148 million codes gets nowhere.
 */
export const JOINS_PER_ADDRESS = { name: "table-joins-per-address", points: 200, windowSeconds: 10 * MINUTE };
/** Wrong codes typed from one address: past these, even the right code is refused for a while. */
export const CODE_TRIES_PER_ADDRESS = {
  name: "table-code-per-address",
  points: 10,
  windowSeconds: 10 * MINUTE,
};
/** Joins of one session's code: a room of participants, not a script that found it. */
export const JOINS_PER_SESSION = { name: "table-joins-per-session", points: 300, windowSeconds: 60 * MINUTE };
/** Contributions of one participant: a few a minute. */
export const CONTRIBUTIONS_PER_PERSON = {
  name: "table-contrib-per-person",
  points: 6,
  windowSeconds: MINUTE,
};
/** Contributions to one session (one code): a full room at once, not a flood. */
export const CONTRIBUTIONS_PER_SESSION = {
  name: "table-contrib-per-session",
  points: 150,
  windowSeconds: MINUTE,
};
/** Contributions from one address: a whole room may share one (the venue's network). */
export const CONTRIBUTIONS_PER_ADDRESS = {
  name: "table-contrib-per-address",
  points: 150,
  windowSeconds: MINUTE,
};

/** A new code, uniformly drawn from the alphabet. */
export function newCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Whether a session takes contributions now. */
export function isOpen(s: Pick<TableSessionDoc, "status" | "openUntil">, now = Date.now()): boolean {
  return s.status === "open" && !!s.openUntil && s.openUntil.getTime() > now;
}

export type CodeState =
  | { state: "valid"; session: TableSessionDoc }
  | { state: "unknown" }
  | { state: "expired"; session: TableSessionDoc };

export function createCaptureService(deps: {
  events: EventsService;
  notes: Pick<NotesModule, "core">;
  projects: Pick<ProjectRefs, "refBySlug">;
  taxonomy: TaxonomyService;
  audit: AuditService;
}) {
  /** Coordinators, and the facilitator named on the session with their account. */
  function mayFacilitate(actor: Pick<Actor, "id" | "role"> | undefined, s: TableSessionDoc): boolean {
    if (!actor) return false;
    return (
      hasRole(actor.role, "coordinator") || (!!s.facilitator?.userId && s.facilitator.userId === actor.id)
    );
  }

  async function facilitated(actor: Actor, id: string) {
    const s = await deps.events.loadSession(id);
    if (!mayFacilitate(actor, s))
      throw new ForbiddenError("Only the facilitator or a coordinator runs this session");
    return s;
  }

  /** Closes sessions whose time is up (their codes already stopped working). */
  async function closeExpired(): Promise<void> {
    await TableSessionModel.updateMany(
      { status: "open", openUntil: { $lte: new Date() } },
      [{ $set: { status: "closed", closedAt: "$openUntil", version: { $add: ["$version", 1] } } }],
      { updatePipeline: true },
    );
  }

  async function codeState(code: string): Promise<CodeState> {
    const open = await TableSessionModel.findOne({ code, status: "open" }).lean<TableSessionDoc>();
    if (open && isOpen(open)) return { state: "valid", session: open };
    if (open) return { state: "expired", session: open };
    const closed = await TableSessionModel.findOne({ $or: [{ code }, { pastCodes: code }] })
      .sort({ closedAt: -1 })
      .lean<TableSessionDoc>();
    return closed ? { state: "expired", session: closed } : { state: "unknown" };
  }

  return {
    mayFacilitate,

    /** Opens a session for `hours` (1-12) with a new code; opening an open session keeps its code. */
    async open(actor: Actor, id: string, hours: number, ip?: string): Promise<TableSessionDoc> {
      const s = await facilitated(actor, id);
      if (isOpen(s)) return s.toObject<TableSessionDoc>();
      await closeExpired();
      for (let attempt = 0; ; attempt++) {
        try {
          const updated = await TableSessionModel.findOneAndUpdate(
            { _id: s._id, version: s.version },
            {
              $set: {
                status: "open",
                code: newCode(),
                openedAt: new Date(),
                openUntil: new Date(Date.now() + hours * 3600_000),
                closedAt: null,
              },
              ...(s.code ? { $push: { pastCodes: { $each: [s.code], $slice: -20 } } } : {}),
              $inc: { version: 1 },
            },
            { returnDocument: "after" },
          ).lean<TableSessionDoc>();
          if (!updated) throw new ConflictError("The session changed meanwhile: reload it");
          await deps.audit.record({
            actorId: actor.id,
            action: "tables.session.open",
            targetType: "table_session",
            targetId: id,
            details: { hours },
            ip,
          });
          return updated;
        } catch (err) {
          // Two open sessions drew the same code (1 in millions): draw again.
          if ((err as { code?: number }).code === 11000 && attempt < 5) continue;
          throw err;
        }
      }
    },

    /** Closes a session: its code stops working at once; what was sent stays. */
    async close(actor: Actor, id: string, ip?: string): Promise<void> {
      const s = await facilitated(actor, id);
      if (s.status !== "open") return;
      await TableSessionModel.updateOne(
        { _id: s._id, status: "open" },
        { $set: { status: "closed", closedAt: new Date() }, $inc: { version: 1 } },
      );
      await deps.audit.record({
        actorId: actor.id,
        action: "tables.session.close",
        targetType: "table_session",
        targetId: id,
        ip,
      });
    },

    /** A session the viewer runs (for the live view), or 403/404. */
    facilitated,

    /**
     * Checks a typed code. Every try counts against the address before the look-up (JOINS_PER_ADDRESS);
     * wrong codes count again (CODE_TRIES_PER_ADDRESS), and an address with too many of them is refused
     * before looking. Joins of a right code count against its session.
     */
    async join(code: string, ip: string): Promise<CodeState> {
      const tooMany = (retry: number) =>
        new TooManyRequestsError("Too many codes tried: wait a few minutes", retry);
      const attempt = await take(JOINS_PER_ADDRESS, ip);
      if (!attempt.ok) throw tooMany(attempt.retryAfterSeconds);
      if ((await used(CODE_TRIES_PER_ADDRESS, ip)) >= CODE_TRIES_PER_ADDRESS.points) {
        throw tooMany(CODE_TRIES_PER_ADDRESS.windowSeconds);
      }
      const state = await codeState(code);
      if (state.state === "unknown") {
        await take(CODE_TRIES_PER_ADDRESS, ip);
        return state;
      }
      if (state.state === "valid") {
        const joins = await take(JOINS_PER_SESSION, String(state.session._id));
        if (!joins.ok) {
          throw new TooManyRequestsError("Too many people joined with this code", joins.retryAfterSeconds);
        }
      }
      return state;
    },

    /** The session of a pass, if it still takes contributions ("expired" otherwise). */
    async sessionOfPass(
      pass: GuestPass,
    ): Promise<{ state: "valid" | "expired"; session: TableSessionDoc } | undefined> {
      if (!mongoose.isValidObjectId(pass.session)) return undefined;
      const s = await TableSessionModel.findById(pass.session).lean<TableSessionDoc>();
      if (!s) return undefined;
      return { state: isOpen(s) ? "valid" : "expired", session: s };
    },

    /**
     * One contribution to an open session, from a member (`actor`) or a guest (`pass`). Throttled per
     * person, per session and per address before anything is written.
     */
    async contribute(
      who: { actor: Actor } | { guest: { id: string; name: string } },
      sessionId: string,
      form: ContributionForm,
      ip: string,
    ) {
      const s = await deps.events.loadSession(sessionId);
      if (!isOpen(s)) {
        throw new ConflictError("The session is closed", [
          { field: "_form", message: "tables.capture.closed" },
        ]);
      }
      const person = "actor" in who ? who.actor.id : who.guest.id;
      for (const [rule, key] of [
        [CONTRIBUTIONS_PER_PERSON, `${sessionId}|${person}`],
        [CONTRIBUTIONS_PER_SESSION, sessionId],
        [CONTRIBUTIONS_PER_ADDRESS, ip],
      ] as const) {
        const attempt = await take(rule, key);
        if (!attempt.ok) {
          throw new TooManyRequestsError(
            "Too many contributions at once: wait a moment and send again",
            attempt.retryAfterSeconds,
          );
        }
      }
      const details: { field: string; message: string }[] = [];
      const vocab = await deps.taxonomy.vocabulary();
      const theme = vocab.get("theme", s.theme);
      const questions =
        s.questions.length > 0 ? s.questions : (theme?.guidingQuestions.map((q) => q.id) ?? []);
      if (form.question && !questions.includes(form.question)) {
        details.push({ field: "question", message: "tables.error.question" });
      }
      const projectSlug = projectSlugOf(form.project);
      if (projectSlug === undefined) details.push({ field: "project", message: "tables.error.project" });
      else if (projectSlug && !(await deps.projects.refBySlug(projectSlug, ["published"]))) {
        details.push({ field: "project", message: "tables.error.project" });
      }
      if (details.length > 0) throw new ValidationError("The contribution is not valid", details);
      return deps.notes.core.contribute("actor" in who ? { actor: who.actor } : { guest: who.guest }, {
        kind: form.kind,
        theme: s.theme,
        question: form.question,
        body: form.body,
        projectSlug: projectSlug || null,
        tableSession: sessionId,
        event: String(s.event),
        idem: form.idem,
      });
    },
  };
}

/** A project as the form gives it: a slug, a project address (…/projects/slug) or nothing (""). */
export function projectSlugOf(value: string): string | undefined {
  const v = value.trim();
  if (!v) return "";
  const fromUrl = /\/projects\/([a-z0-9][a-z0-9-]{0,150})\/?(?:[?#].*)?$/.exec(v)?.[1];
  const slug = fromUrl ?? v.toLowerCase();
  return /^[a-z0-9][a-z0-9-]{0,150}$/.test(slug) ? slug : undefined;
}

export type CaptureService = ReturnType<typeof createCaptureService>;
