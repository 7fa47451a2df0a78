import { defineMessages } from "../../web/i18n/define";

export const auditMessages = defineMessages({
  it: {
    "audit.title": "Registro di sicurezza",
    "audit.intro": "Accessi, cambi di password, ruoli e disattivazioni, dal più recente.",
    "audit.filter.action": "Evento",
    "audit.filter.any": "Tutti gli eventi",
    "audit.filter.submit": "Filtra",
    "audit.col.at": "Quando",
    "audit.col.action": "Evento",
    "audit.col.actor": "Chi",
    "audit.col.target": "Su cosa",
    "audit.col.ip": "Indirizzo",
    "audit.col.details": "Dettagli",
    "audit.none": "Nessun evento registrato.",
    "audit.anonymous": "anonimo",
  },
  en: {
    "audit.title": "Security log",
    "audit.intro": "Logins, password changes, roles and disabling, newest first.",
    "audit.filter.action": "Event",
    "audit.filter.any": "All events",
    "audit.filter.submit": "Filter",
    "audit.col.at": "When",
    "audit.col.action": "Event",
    "audit.col.actor": "Who",
    "audit.col.target": "Target",
    "audit.col.ip": "Address",
    "audit.col.details": "Details",
    "audit.none": "No event recorded.",
    "audit.anonymous": "anonymous",
  },
});
