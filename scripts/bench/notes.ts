// Issue 6: a project page with 200 published notes at 20 concurrent clients (p95 < 50 ms), and the time
// from a coordinator's approval to the note being searchable (p95 < 1 s). Starts its own mongod and
// Meilisearch, spawns the built server on them; pending notes are written through the notes service and
// approved through the app's moderation route, then looked for in Meilisearch.
import crypto from "node:crypto";
import { createMeiliClient } from "../../src/infra/meili";
import { connectMongo, disconnectMongo } from "../../src/infra/mongo";
import { createAccountsService } from "../../src/modules/accounts/accounts.service";
import { createAuditService } from "../../src/modules/audit/audit.service";
import { createNotesModule } from "../../src/modules/notes/index";
import { NoteModel } from "../../src/modules/notes/note.model";
import { NOTE_KINDS } from "../../src/modules/taxonomy/taxonomy.types";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { projectRefs } from "../../src/modules/projects/project.refs";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { createTaxonomyService } from "../../src/modules/taxonomy/taxonomy.service";
import {
  load,
  loginCookie,
  report,
  startAppOn,
  startBenchServers,
  targetLine,
  type LoadResult,
  percentile,
} from "./util";

const CONNECTIONS = 20;
const NOTES = 200;
/** NOTES_BENCH_SAMPLES: how many notes the approval phase approves (default 20). */
const SAMPLES = Number(process.env.NOTES_BENCH_SAMPLES ?? 20) || 20;
/** NOTES_BENCH_SKIP_PAGES=1: only the approval phase (no page load, little CPU). */
const SKIP_PAGES = process.env.NOTES_BENCH_SKIP_PAGES === "1";

export async function benchNotes(seconds: number): Promise<void> {
  const bench = await startBenchServers("notes");
  const { logger, meiliKey, servers } = bench;
  let app: Awaited<ReturnType<typeof startAppOn>> | undefined;
  try {
    const connection = await connectMongo(servers.mongoUri!);
    const taxonomy = createTaxonomyService({ connection });
    await taxonomy.seed();
    const vocab = await taxonomy.vocabulary();
    const project = await ProjectModel.create({
      title: "Progetto con molte note (bench)",
      sortTitle: "progetto con molte note",
      slug: "bench-notes",
      summary: "Progetto fittizio per la misura delle prestazioni.",
      description: "Descrizione **fittizia**.",
      themes: vocab.themes.map((t) => t.key),
      status: "published",
      publishedAt: new Date(),
    });
    await NoteModel.insertMany(
      Array.from({ length: NOTES }, (_, i) => {
        const theme = vocab.themes[i % vocab.themes.length]!;
        return {
          project: project._id,
          author: { id: `bench-${i % 17}`, name: `Operatore ${i % 17} (fittizio)` },
          kind: NOTE_KINDS[i % NOTE_KINDS.length],
          theme: theme.key,
          question: theme.guidingQuestions[i % theme.guidingQuestions.length]?.id ?? null,
          title: `Nota numero ${i} sul progetto`,
          body: `Testo della nota ${i}: **cosa ha funzionato**, cosa meno.\n\n- un punto\n- un altro punto con [un link](https://example.org/${i})\n\n${"Una frase di contesto. ".repeat(12)}`,
          status: "published",
          publishedAt: new Date(Date.now() - i * 60_000),
          replies:
            i % 5 === 0 ? [{ author: { id: "r", name: "Risposta (fittizia)" }, body: "Anche da noi." }] : [],
        };
      }),
    );

    const audit = createAuditService({ logger });
    const accounts = createAccountsService({ mongo: connection, audit });
    const password = crypto.randomBytes(12).toString("hex");
    const memberDoc = await accounts.createUser({
      email: "bench-member@example.org",
      name: "Membro bench (fittizio)",
      role: "member",
      status: "active",
      password,
    });

    app = await startAppOn(bench, "notes");
    const url = `${app.base}/projects/bench-notes`;
    const check = await fetch(url);
    const html = await check.text();
    // Every note is on the page: the newest of each group in full, the others by title.
    const shown = (html.match(/ id="note-[a-f0-9]{24}"/g) ?? []).length;
    if (check.status !== 200 || shown !== NOTES)
      throw new Error(`project page: ${check.status}, ${shown} notes`);

    const cookie = await loginCookie(app.base, "bench-member@example.org", password);
    await accounts.createUser({
      email: "bench-coordinator@example.org",
      name: "Coordinatore bench (fittizio)",
      role: "coordinator",
      status: "active",
      password,
    });
    const coordinatorCookie = await loginCookie(app.base, "bench-coordinator@example.org", password);
    const queue = await (
      await fetch(`${app.base}/moderation/notes`, { headers: { cookie: coordinatorCookie } })
    ).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(queue)?.[1] ?? "";
    let pages:
      { signedIn: LoadResult; anonymous: LoadResult; identity: LoadResult; size: number } | undefined;
    if (!SKIP_PAGES) {
      // Warm-up (connections, JIT) of both paths measured signed in: compressed and not.
      await load(url, CONNECTIONS, 2, { cookie, "accept-encoding": "gzip" });
      await load(url, CONNECTIONS, 1, { cookie, "accept-encoding": "identity" });
      const signedIn = await load(url, CONNECTIONS, seconds, { cookie, "accept-encoding": "gzip" });
      const anonymous = await load(url, CONNECTIONS, seconds, { "accept-encoding": "gzip" });
      const identity = await load(url, CONNECTIONS, seconds, { cookie, "accept-encoding": "identity" });
      const size = (
        await (await fetch(url, { headers: { cookie, "accept-encoding": "identity" } })).arrayBuffer()
      ).byteLength;
      pages = { signedIn, anonymous, identity, size };
    }

    // Approval to searchable: notes written and approved through the service, found through Meilisearch.
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 60_000;
      const tick = () =>
        void OutboxModel.countDocuments({ status: { $ne: "done" } }).then((left) => {
          if (left === 0) resolve();
          else if (Date.now() > deadline) reject(new Error("the indexer did not drain the first notes"));
          else setTimeout(tick, 100);
        }, reject);
      tick();
    });
    const notes = createNotesModule({
      connection,
      audit,
      taxonomy,
      projects: projectRefs,
      // The bench does not change projects' visibility.
      catalogue: { onNotesContextChanged: () => undefined },
      trustedAfter: 1_000_000,
      secret: "bench-secret-0123456789",
    });
    const index = createMeiliClient(servers.meiliUrl!, meiliKey).index("atlante_notes");
    const member = { id: String(memberDoc._id), name: memberDoc.name, role: "member" as const };
    const delays: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const word = `parola${crypto.randomBytes(4).toString("hex")}`;
      const { note } = await notes.core.create(member, "bench-notes", {
        kind: "lesson",
        theme: vocab.themes[0]!.key,
        question: null,
        title: `Nota da approvare ${i}`,
        body: `Una lezione appresa con la ${word} dentro.`,
        tags: [],
      });
      const started = performance.now();
      // Approved through the app, as a coordinator does it (the moderation form's bulk action).
      const approved = await fetch(`${app.base}/moderation/notes`, {
        method: "POST",
        headers: {
          cookie: coordinatorCookie,
          accept: "application/json",
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ _csrf: csrf, action: "approve", ids: String(note._id) }).toString(),
      });
      const outcome = (await approved.json()) as { done?: number };
      if (outcome.done !== 1)
        throw new Error(`approval answered ${approved.status} ${JSON.stringify(outcome)}`);
      for (;;) {
        // Until the first note is indexed the index does not exist (an error): keep polling.
        const found = await index.search(word, { limit: 1 }).catch(() => undefined);
        if (found && found.hits.length > 0) break;
        if (performance.now() - started > 30_000) throw new Error("an approved note never became searchable");
        await new Promise((r) => setTimeout(r, 10));
      }
      delays.push(performance.now() - started);
    }
    const p95 = percentile(delays, 95);
    report(`notes (${NOTES} notes on one project, ${CONNECTIONS} connections, ${seconds} s each)`, {
      ...(pages
        ? {
            "project page, signed-in member (rendered each time)": targetLine(pages.signedIn, 50),
            "project page, anonymous (page cache, 30 s)": targetLine(pages.anonymous, 50),
            [`same, signed in, uncompressed (${Math.round(pages.size / 1024)} KB)`]: targetLine(
              pages.identity,
              50,
            ),
          }
        : { "project pages": "skipped (NOTES_BENCH_SKIP_PAGES=1)" }),
      [`approval -> searchable (${SAMPLES} notes)`]: `p50 ${Math.round(percentile(delays, 50))} ms, p95 ${Math.round(p95)} ms (target < 1000: ${p95 < 1000 ? "met" : "MISSED"}), max ${Math.round(Math.max(...delays))} ms`,
    });
  } finally {
    await app?.stop();
    await disconnectMongo().catch(() => undefined);
    await servers.stop();
  }
}
