import { defineMessages } from "./define";

/** The jobs page (src/web/jobs.routes.tsx). A module names its jobs under `job.<name>`. */
export const jobsMessages = defineMessages({
  it: {
    "jobs.menu": "Attività pianificate",
    "jobs.title": "Attività pianificate",
    "jobs.intro":
      "Il lavoro che Atlante svolge in background. Ogni attività gira in un solo processo alla volta; l'ultimo errore resta visibile anche dopo un'esecuzione riuscita.",
    "jobs.col.job": "Attività",
    "jobs.col.schedule": "Quando",
    "jobs.col.last": "Ultima esecuzione",
    "jobs.col.outcome": "Esito",
    "jobs.col.next": "Prossima esecuzione",
    "jobs.col.error": "Ultimo errore",
    "jobs.every": "ogni {n} {unit}",
    "jobs.cron": "secondo l'espressione cron «{cron}» ({timezone})",
    "jobs.running": "In corso",
    "jobs.ok": "Riuscita",
    "jobs.failed": "Non riuscita",
    "jobs.never": "Non ancora eseguita",
    "jobs.duration": "durata {ms} ms",
    "jobs.holder": "processo {holder}",
    "jobs.next.none": "Solo su richiesta",
    "jobs.error.none": "Nessuno",
  },
  en: {
    "jobs.menu": "Scheduled jobs",
    "jobs.title": "Scheduled jobs",
    "jobs.intro":
      "The work Atlante does in the background. Each job runs in one process at a time; the last error stays visible after a successful run.",
    "jobs.col.job": "Job",
    "jobs.col.schedule": "When",
    "jobs.col.last": "Last run",
    "jobs.col.outcome": "Outcome",
    "jobs.col.next": "Next run",
    "jobs.col.error": "Last error",
    "jobs.every": "every {n} {unit}",
    "jobs.cron": "on the cron expression “{cron}” ({timezone})",
    "jobs.running": "Running",
    "jobs.ok": "Succeeded",
    "jobs.failed": "Failed",
    "jobs.never": "Not run yet",
    "jobs.duration": "took {ms} ms",
    "jobs.holder": "process {holder}",
    "jobs.next.none": "Only when asked",
    "jobs.error.none": "None",
  },
});
