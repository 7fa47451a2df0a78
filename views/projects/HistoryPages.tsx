import { Layout } from "../layout/Layout";
import { TableScroll } from "../components/TableScroll";
import { usePage } from "../page-context";
import { LineDiff } from "../components/LineDiff";
import { CsrfField } from "../components/CsrfField";
import type { MessageKey, Translate } from "../../src/web/i18n/index";
import type { Lang } from "../../src/web/i18n/define";
import { labelOf } from "../../src/modules/taxonomy/taxonomy.types";
import type { FieldDiff, Snapshot } from "../../src/modules/projects/project.snapshot";
import {
  specOf,
  type FieldKind,
  type ProjectContact,
  type ProjectLink,
} from "../../src/modules/projects/project.fields";
import type { ProjectFormValues } from "../../src/modules/projects/project.input";
import type { Labels } from "../components/ProjectList";
import { formatDateTime, formatEuro } from "./parts";
import { ProjectFields, type FormErrors } from "./ProjectFormPage";

export interface RevisionRow {
  version: number;
  action: string;
  by?: { id?: string | null; name?: string | null } | null;
  at: Date;
}

/** A history action ("update", "restore:3", "merge-tag:x") in words. */
export function describeAction(action: string, t: Translate): string {
  const [kind, arg] = action.split(":");
  if (kind === "restore" && arg) return t("projects.action.history.restoreVersion", { v: arg });
  if (kind === "merge-tag") return t("projects.action.history.mergeTag", { tag: arg ?? "" });
  const key = `projects.action.history.${kind}` as MessageKey;
  const text = t(key);
  return text === key ? t("projects.action.history.unknown", { action }) : text;
}

function str(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

/** One snapshot value as readable text: labels instead of keys and ids, one item per line. */
export function describeValue(
  field: keyof Snapshot,
  value: unknown,
  labels: Labels,
  lang: Lang,
  t: Translate,
): string {
  if (value === null || value === undefined || value === "") return "";
  if (field === "status") return t(`projects.status.${str(value)}` as MessageKey);
  if (field === "deleted") return value ? t("projects.yes") : t("projects.no");
  if (field === "slug") return str(value);
  const spec = specOf(field);
  const term = (key: string) => {
    const found = spec.vocabulary ? labels.vocab.get(spec.vocabulary, key) : undefined;
    return found ? labelOf(found, lang) : key;
  };
  const KINDS: Record<FieldKind, () => string> = {
    text: () => str(value),
    optional: () => term(str(value)),
    list: () => (value as string[]).map(term).join("\n"),
    lines: () => (value as string[]).join("\n"),
    date: () => str(value),
    money: () => formatEuro(value as number, lang),
    tags: () =>
      (value as string[])
        .map((id) => {
          const tag = labels.tags.byId.get(id);
          return tag ? labelOf(tag, lang) : id;
        })
        .join("\n"),
    links: () => (value as ProjectLink[]).map((l) => (l.label ? `${l.label} | ${l.url}` : l.url)).join("\n"),
    contact: () => {
      const c = value as ProjectContact;
      return [c.name, c.email, c.phone].filter(Boolean).join("\n");
    },
  };
  return KINDS[spec.kind]();
}

/** A field's label: the one of its (first) form column. */
function fieldLabel(field: keyof Snapshot, t: Translate): string {
  const name = field === "status" || field === "deleted" || field === "slug" ? field : specOf(field).column;
  return t(`projects.field.${name ?? field}` as MessageKey);
}

export function DiffTable(props: { diffs: FieldDiff[]; beforeLabel: string; afterLabel: string }) {
  const { t } = usePage();
  if (props.diffs.length === 0) return <p>{t("projects.diff.none")}</p>;
  return (
    <TableScroll label={t("projects.history")}>
      <table class="table atl-diff">
        <thead>
          <tr>
            <th scope="col">{t("projects.diff.field")}</th>
            <th scope="col">{props.beforeLabel}</th>
            <th scope="col">{props.afterLabel}</th>
          </tr>
        </thead>
        <tbody>
          {props.diffs.map((d) => (
            <tr key={d.field}>
              <th scope="row">{fieldLabel(d.field, t)}</th>
              {d.lines ? (
                <td colSpan={2}>
                  <LineDiff lines={d.lines} />
                </td>
              ) : (
                <>
                  <td class="atl-pre">
                    <del>{d.before || t("projects.diff.empty")}</del>
                  </td>
                  <td class="atl-pre">
                    <ins>{d.after || t("projects.diff.empty")}</ins>
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function HistoryPage(props: {
  title: string;
  slug: string;
  currentVersion: number;
  revisions: RevisionRow[];
}) {
  const { t, lang } = usePage();
  const base = `/projects/${props.slug}`;
  const versions = props.revisions.map((r) => r.version);
  const heading = `${t("projects.history")}: ${props.title}`;
  return (
    <Layout title={heading} noindex>
      <div class="container my-4">
        <p>
          <a href={base}>← {props.title}</a>
        </p>
        <h1>{heading}</h1>
        <p>{t("projects.history.lead")}</p>
        {versions.length > 1 ? (
          <form method="get" action={`${base}/diff`} class="row g-3 align-items-end mb-4">
            <div class="col-auto select-wrapper">
              <label for="diff-from">{t("projects.history.from")}</label>
              <select id="diff-from" name="from">
                {versions.map((v, i) => (
                  <option key={v} value={String(v)} selected={i === 1}>
                    v{v}
                  </option>
                ))}
              </select>
            </div>
            <div class="col-auto select-wrapper">
              <label for="diff-to">{t("projects.history.to")}</label>
              <select id="diff-to" name="to">
                {versions.map((v, i) => (
                  <option key={v} value={String(v)} selected={i === 0}>
                    v{v}
                  </option>
                ))}
              </select>
            </div>
            <div class="col-auto">
              <button type="submit" class="btn btn-primary">
                {t("projects.history.compare")}
              </button>
            </div>
          </form>
        ) : null}
        <TableScroll label={heading}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t("projects.history.version")}</th>
                <th scope="col">{t("projects.history.action")}</th>
                <th scope="col">{t("projects.history.by")}</th>
                <th scope="col">{t("projects.history.at")}</th>
                <th scope="col">
                  <span class="visually-hidden">{t("projects.history.restore")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.revisions.map((r, i) => (
                <tr key={r.version}>
                  <td>
                    {i + 1 < props.revisions.length ? (
                      <a href={`${base}/diff?from=${props.revisions[i + 1]!.version}&to=${r.version}`}>
                        v{r.version}
                      </a>
                    ) : (
                      `v${r.version}`
                    )}
                  </td>
                  <td>{describeAction(r.action, t)}</td>
                  <td>{r.by?.name ?? ""}</td>
                  <td>{formatDateTime(r.at, lang)}</td>
                  <td>
                    {r.version === props.currentVersion ? (
                      <span class="small">{t("projects.history.current")}</span>
                    ) : (
                      <form method="post" action={`${base}/revisions/${r.version}/restore`}>
                        <CsrfField />
                        <input type="hidden" name="version" value={String(props.currentVersion)} />
                        <button type="submit" class="btn btn-outline-primary btn-sm">
                          {t("projects.history.restore")} <span class="visually-hidden">v{r.version}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </div>
    </Layout>
  );
}

export function DiffPage(props: {
  title: string;
  slug: string;
  from: number;
  to: number;
  diffs: FieldDiff[];
}) {
  const { t } = usePage();
  const heading = t("projects.diff.title", { from: props.from, to: props.to });
  return (
    <Layout title={`${heading} · ${props.title}`} noindex>
      <div class="container my-4">
        <p>
          <a href={`/projects/${props.slug}/history`}>← {t("projects.history")}</a>
        </p>
        <h1>{heading}</h1>
        <p class="lead">{props.title}</p>
        <DiffTable
          diffs={props.diffs}
          beforeLabel={t("projects.diff.before", { v: props.from })}
          afterLabel={t("projects.diff.after", { v: props.to })}
        />
      </div>
    </Layout>
  );
}

export function ConflictPage(props: {
  title: string;
  slug: string;
  mine: number;
  theirs: number;
  diffs: FieldDiff[];
  values: ProjectFormValues;
  errors: FormErrors;
  labels: Labels;
}) {
  const { t } = usePage();
  return (
    <Layout title={t("projects.conflict.title")} noindex>
      <div class="container my-4">
        <h1>{t("projects.conflict.title")}</h1>
        <p class="lead" role="alert">
          {t("projects.conflict.lead", { mine: props.mine, theirs: props.theirs })}
        </p>
        <DiffTable
          diffs={props.diffs}
          beforeLabel={t("projects.conflict.theirs", { v: props.theirs })}
          afterLabel={t("projects.conflict.mine")}
        />
        <p>
          <a class="btn btn-primary" href={`/projects/${props.slug}/edit`}>
            {t("projects.conflict.reload")}
          </a>
        </p>
        <h2 class="h4 mt-5">{t("projects.conflict.mine")}</h2>
        <form method="post" action={`/projects/${props.slug}/edit`} novalidate>
          <CsrfField />
          <input type="hidden" name="version" value={String(props.theirs)} />
          <ProjectFields values={props.values} errors={props.errors} labels={props.labels} />
          <button type="submit" class="btn btn-outline-danger">
            {t("projects.conflict.overwrite", { v: props.theirs })}
          </button>
        </form>
      </div>
    </Layout>
  );
}
