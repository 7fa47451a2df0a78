import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { formatDateTime } from "../../src/web/i18n/format";
import { isMessageKey, type Translate } from "../../src/web/i18n/index";

export interface JobView {
  name: string;
  schedule: { everyMs: number } | { cron: string; timezone: string };
  running: boolean;
  holder: string | null;
  /** ISO times, or null. */
  lastStartedAt: string | null;
  lastDurationMs: number | null;
  lastOk: boolean | null;
  lastResult: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  nextRunAt: string | null;
}

function every(ms: number, t: Translate): string {
  const [n, unit] =
    ms % 3_600_000 === 0
      ? [ms / 3_600_000, "h"]
      : ms % 60_000 === 0
        ? [ms / 60_000, "min"]
        : ms % 1000 === 0
          ? [ms / 1000, "s"]
          : [ms, "ms"];
  return t("jobs.every", { n, unit });
}

function Moment(props: { at: string | null }) {
  const { lang } = usePage();
  if (!props.at) return null;
  return <time dateTime={props.at}>{formatDateTime(props.at, lang)}</time>;
}

function Outcome(props: { job: JobView }) {
  const { t } = usePage();
  const { job } = props;
  if (job.running) return <span class="badge bg-primary">{t("jobs.running")}</span>;
  if (job.lastOk === null) return null;
  return job.lastOk ? (
    <span class="badge bg-success">{t("jobs.ok")}</span>
  ) : (
    <span class="badge bg-danger">{t("jobs.failed")}</span>
  );
}

/** Scheduled and background jobs for coordinators and administrators: last and next run, last error. */
export function JobsPage(props: { jobs: JobView[] }) {
  const { t } = usePage();
  return (
    <Layout title={t("jobs.title")} noindex>
      <div class="container my-5">
        <h1>{t("jobs.title")}</h1>
        <p>{t("jobs.intro")}</p>
        <div class="table-responsive">
          <table class="table table-sm">
            <thead>
              <tr>
                <th scope="col">{t("jobs.col.job")}</th>
                <th scope="col">{t("jobs.col.schedule")}</th>
                <th scope="col">{t("jobs.col.last")}</th>
                <th scope="col">{t("jobs.col.outcome")}</th>
                <th scope="col">{t("jobs.col.next")}</th>
                <th scope="col">{t("jobs.col.error")}</th>
              </tr>
            </thead>
            <tbody>
              {props.jobs.map((job) => {
                const label = `job.${job.name}`;
                return (
                  <tr key={job.name} id={`job-${job.name}`}>
                    <th scope="row">
                      <code>{job.name}</code>
                      {isMessageKey(label) ? <div class="small fw-normal">{t(label)}</div> : null}
                    </th>
                    <td>
                      {"everyMs" in job.schedule
                        ? every(job.schedule.everyMs, t)
                        : t("jobs.cron", { cron: job.schedule.cron, timezone: job.schedule.timezone })}
                    </td>
                    <td>
                      {job.lastStartedAt ? (
                        <>
                          <Moment at={job.lastStartedAt} />
                          {job.lastDurationMs !== null && !job.running ? (
                            <div class="small">{t("jobs.duration", { ms: job.lastDurationMs })}</div>
                          ) : null}
                          {job.holder ? (
                            <div class="small text-muted">{t("jobs.holder", { holder: job.holder })}</div>
                          ) : null}
                        </>
                      ) : (
                        t("jobs.never")
                      )}
                    </td>
                    <td>
                      <Outcome job={job} />
                      {job.lastResult ? <div class="small">{job.lastResult}</div> : null}
                    </td>
                    <td>{job.nextRunAt ? <Moment at={job.nextRunAt} /> : t("jobs.next.none")}</td>
                    <td>
                      {job.lastError ? (
                        <>
                          <code>{job.lastError}</code>
                          <div class="small">
                            <Moment at={job.lastErrorAt} />
                          </div>
                        </>
                      ) : (
                        t("jobs.error.none")
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </Layout>
  );
}
