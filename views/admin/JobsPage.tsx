import { TableScroll } from "../components/TableScroll";
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

/** An interval in words, in the largest unit that divides it: "ogni 30 secondi", "ogni ora". */
export function every(ms: number, t: Translate): string {
  const units = [
    [3_600_000, "jobs.every.hour", "jobs.every.hours"],
    [60_000, "jobs.every.minute", "jobs.every.minutes"],
    [1000, "jobs.every.second", "jobs.every.seconds"],
  ] as const;
  for (const [size, one, many] of units) {
    if (ms % size === 0) return ms === size ? t(one) : t(many, { n: ms / size });
  }
  return t("jobs.every.ms", { n: ms });
}

/**
 * A cron schedule for people: a daily time ("ogni giorno alle 3:30") when the expression is one, else the
 * expression itself; with its time zone ("ora italiana" for Europe/Rome).
 */
export function cronInWords(schedule: { cron: string; timezone: string }, t: Translate): string {
  const daily = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(schedule.cron.trim());
  const minute = Number(daily?.[1]);
  const hour = Number(daily?.[2]);
  const when =
    daily && minute < 60 && hour < 24
      ? t("jobs.daily", { time: `${hour}:${String(minute).padStart(2, "0")}` })
      : t("jobs.cron", { cron: schedule.cron });
  const zone = schedule.timezone === "Europe/Rome" ? t("jobs.zone.rome") : schedule.timezone;
  return `${when} (${zone})`;
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
        <TableScroll label={t("jobs.title")}>
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
                        : cronInWords(job.schedule, t)}
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
        </TableScroll>
      </div>
    </Layout>
  );
}
