// Texts of the pages every public service has: about, contacts, accessibility statement, API, status.
// The organisation and its addresses are fictional demo data and say so.
import { defineMessages } from "../../web/i18n/define";

export const siteMessages = defineMessages({
  it: {
    "site.example": "esempio",
    "site.demoOrg": "Dati di esempio: l'ente, i nomi e gli indirizzi di questa pagina sono fittizi.",

    "site.about.title": "Chi siamo",
    "site.about.lead":
      "Atlante è la base di conoscenza della comunità di pratica dei progetti finanziati dal bando regionale toscano per la coesione sociale (programma FAMI, sistema TEAMS di Regione Toscana e ANCI Toscana).",
    "site.about.origin.title": "Da dove nasce",
    "site.about.origin.text":
      "Atlante nasce da un seminario online in cui più di 60 operatrici e operatori hanno confrontato i progetti finanziati in quattro tavoli di lavoro, chiedendosi che cosa ha funzionato, che cosa ha funzionato meno e che cosa raccomandano. Atlante rende permanente e consultabile quello scambio.",
    "site.about.what.title": "Che cosa trovi",
    "site.about.what.text":
      "Le schede dei progetti, con temi, territori, destinatari ed esiti; le note di chi li ha realizzati; la ricerca a testo libero con filtri per tema, tag, territorio, destinatari e anno.",
    "site.about.who.title": "Chi lo cura",
    "site.about.who.text":
      "Chi coordina la comunità cura il catalogo e modera le note; chi ne fa parte, da enti pubblici e dal terzo settore, condivide le proprie esperienze.",
    "site.about.open.title": "Dati aperti e software libero",
    "site.about.open.text":
      "I progetti pubblicati si possono scaricare e leggere con un'API pubblica e con i feed Atom. Il software di Atlante è distribuito con licenza EUPL-1.2.",
    "site.about.join": "Vuoi partecipare? Chiedi di aderire alla comunità.",

    "site.contacts.title": "Contatti",
    "site.contacts.lead":
      "Per domande sul catalogo, sulle note o sulla tua adesione alla comunità di pratica.",
    "site.contacts.org": "Ente che gestisce il servizio",
    "site.contacts.orgName": "Segreteria della comunità di pratica TEAMS (ente di esempio)",
    "site.contacts.address": "Indirizzo",
    "site.contacts.addressValue": "Via dell'Esempio 1, 50100 Firenze (indirizzo fittizio)",
    "site.contacts.email": "Posta elettronica",
    "site.contacts.pec": "PEC",
    "site.contacts.phone": "Telefono",
    "site.contacts.phoneValue": "+39 055 000 0000 (numero fittizio), dal lunedì al venerdì, 9–13",
    "site.contacts.topics": "Per argomento",
    "site.contacts.topic.join": "Aderire alla comunità: compila la richiesta di adesione",
    "site.contacts.topic.accessibility": "Segnalare un problema di accessibilità",
    "site.contacts.topic.content":
      "Segnalare un contenuto scorretto: usa il pulsante «Segnala» sotto la nota, o scrivi alla segreteria",
    "site.contacts.topic.privacy": "I tuoi dati personali: leggi l'informativa sulla privacy",

    "site.a11y.title": "Dichiarazione di accessibilità",
    "site.a11y.intro":
      "L'ente che gestisce Atlante (ente di esempio, fittizio) si impegna a rendere il proprio sito accessibile, conformemente alla legge 9 gennaio 2004, n. 4 e alle Linee guida sull'accessibilità degli strumenti informatici emanate da AgID. La presente dichiarazione si applica a questo sito, Atlante.",
    "site.a11y.status.title": "Stato di conformità",
    "site.a11y.status.text":
      "Questo sito è parzialmente conforme ai requisiti previsti dall'allegato A alla norma UNI CEI EN 301549 (WCAG 2.1, livello AA), in ragione dei casi di non conformità elencati qui sotto.",
    "site.a11y.missing.title": "Contenuti non accessibili",
    "site.a11y.missing.intro":
      "I contenuti elencati di seguito non sono accessibili, o non lo sono del tutto:",
    "site.a11y.missing.lang":
      "Lingua delle parti (WCAG 3.1.2): i testi scritti dagli utenti (progetti, note, risposte) sono marcati come italiani; un testo scritto in un'altra lingua viene letto con la pronuncia italiana.",
    "site.a11y.missing.markdown":
      "Testi scritti dagli utenti (WCAG 1.3.1, 2.4.6): la struttura dei titoli e la descrizione dei collegamenti dentro le descrizioni dei progetti e le note dipendono da chi li scrive.",
    "site.a11y.missing.live":
      "Ricerca immediata (WCAG 4.1.3): mentre scrivi, il numero di risultati viene annunciato, ma i nuovi risultati non lo sono uno per uno.",
    "site.a11y.missing.export":
      "File scaricabili: l'esportazione CSV del catalogo è un file di dati, senza descrizioni accessibili delle colonne.",
    "site.a11y.missing.tests":
      "Verifiche con persone: il sito è verificato con strumenti automatici e con prove da tastiera, ma non ancora con utenti di lettori di schermo.",
    "site.a11y.how.title": "Redazione della dichiarazione",
    "site.a11y.how.text":
      "La dichiarazione è stata redatta il {date} con un'autovalutazione: controlli automatici con axe-core su ogni tipo di pagina, in italiano e in inglese, a 375, 768 e 1366 pixel di larghezza; prove dei percorsi principali con la sola tastiera; verifica che nessuna pagina scorra in orizzontale a 320 pixel. I controlli girano a ogni modifica del software.",
    "site.a11y.feedback.title": "Meccanismo di feedback e recapiti",
    "site.a11y.feedback.text":
      "Se incontri un ostacolo o un contenuto non accessibile, scrivici: ti risponderemo entro 30 giorni. Indica la pagina e il problema; se ti serve, ti inviamo il contenuto in un formato accessibile.",
    "site.a11y.feedback.link": "Segnala un problema di accessibilità",
    "site.a11y.feedback.subject": "Segnalazione di accessibilità su Atlante",
    "site.a11y.enforcement.title": "Procedura di attuazione",
    "site.a11y.enforcement.text":
      "In caso di risposta insoddisfacente, o di mancata risposta entro 30 giorni dalla segnalazione, puoi inviare una segnalazione all'Agenzia per l'Italia Digitale (AgID), come previsto dall'articolo 3-quinquies, comma 3, della legge 4/2004.",
    "site.a11y.enforcement.link": "Segnalazione ad AgID (sito esterno)",
    "site.a11y.site.title": "Informazioni sul sito",
    "site.a11y.site.published": "Data di pubblicazione del sito: {date} (dato di esempio).",
    "site.a11y.site.cms":
      "Il sito è un'applicazione sviluppata su misura con il tema Bootstrap Italia di Designers Italia; funziona anche senza JavaScript.",
    "site.a11y.org.title": "Informazioni sull'ente (dati di esempio)",
    "site.a11y.org.text":
      "Ente di esempio, con dati fittizi: dipendenti con disabilità 2; postazioni di lavoro per dipendenti con disabilità 2; responsabile dell'accessibilità: la segreteria della comunità (ruolo di esempio).",
    "site.a11y.more": "Come lo verifichiamo, in dettaglio, è descritto nella documentazione del progetto.",

    "site.api.title": "API e dati aperti",
    "site.api.lead":
      "I contenuti pubblicati di Atlante si possono leggere da programmi: un'API JSON in sola lettura, un'esportazione del catalogo e i feed Atom. Non serve registrarsi.",
    "site.api.spec": "Descrizione OpenAPI 3.1 (JSON)",
    "site.api.errors":
      "Gli errori sono JSON con i campi error, code e details; una richiesta non valida riceve 400, una risorsa che non c'è 404.",
    "site.api.lang":
      "La descrizione tecnica che segue è in inglese, com'è nel documento OpenAPI da cui è generata.",
    "site.api.endpoints": "Indirizzi",
    "site.api.parameters": "Parametri",
    "site.api.required": "obbligatorio",
    "site.api.optional": "facoltativo",
    "site.api.responses": "Risposte",
    "site.api.try": "Apri",

    "site.status.title": "Stato del servizio",
    "site.status.ok": "Tutto funziona.",
    "site.status.degraded":
      "Alcune parti del servizio hanno problemi. Le pagine restano consultabili; la ricerca e gli aggiornamenti potrebbero essere lenti o incompleti.",
    "site.status.checked": "Verificato il {time}.",
    "site.status.component": "Componente",
    "site.status.state": "Stato",
    "site.status.up": "Funziona",
    "site.status.down": "Non risponde",
    "site.status.part.mongodb": "Archivio dei dati",
    "site.status.part.meilisearch": "Motore di ricerca",
    "site.status.part.indexer": "Aggiornamento della ricerca",
    "site.status.part.process": "Applicazione",
    "site.status.part.embedded": "Servizi interni",
    "site.status.part.unknown": "Altro componente",
    "site.status.machines": "Per i sistemi di monitoraggio: {url} risponde in JSON.",
  },
  en: {
    "site.example": "example",
    "site.demoOrg": "Demo data: the organisation, names and addresses on this page are fictional.",

    "site.about.title": "About us",
    "site.about.lead":
      "Atlante is the knowledge base of the community of practice around the projects funded by Tuscany's regional social-cohesion call (FAMI programme, TEAMS system of Regione Toscana and ANCI Toscana).",
    "site.about.origin.title": "Where it comes from",
    "site.about.origin.text":
      "Atlante grew out of an online seminar where more than 60 practitioners compared funded projects in four working tables, asking what worked, what worked less and what they recommend. Atlante makes that exchange permanent and searchable.",
    "site.about.what.title": "What you find",
    "site.about.what.text":
      "Project pages with themes, territories, target groups and outcomes; notes from the people who ran them; full-text search with filters by theme, tag, territory, target group and year.",
    "site.about.who.title": "Who looks after it",
    "site.about.who.text":
      "The community's coordinators curate the catalogue and moderate notes; members, practitioners from public bodies and the third sector, share their experience.",
    "site.about.open.title": "Open data and free software",
    "site.about.open.text":
      "Published projects can be downloaded and read through a public API and Atom feeds. Atlante's software is released under the EUPL-1.2 licence.",
    "site.about.join": "Want to take part? Ask to join the community.",

    "site.contacts.title": "Contacts",
    "site.contacts.lead":
      "For questions about the catalogue, notes or your membership of the community of practice.",
    "site.contacts.org": "Organisation running the service",
    "site.contacts.orgName": "TEAMS community of practice office (demo organisation)",
    "site.contacts.address": "Address",
    "site.contacts.addressValue": "Via dell'Esempio 1, 50100 Firenze (fictional address)",
    "site.contacts.email": "E-mail",
    "site.contacts.pec": "Certified e-mail (PEC)",
    "site.contacts.phone": "Telephone",
    "site.contacts.phoneValue": "+39 055 000 0000 (fictional number), Monday to Friday, 9am–1pm",
    "site.contacts.topics": "By topic",
    "site.contacts.topic.join": "Joining the community: fill in the join request",
    "site.contacts.topic.accessibility": "Report an accessibility problem",
    "site.contacts.topic.content":
      "Report wrong content: use the “Flag” button under the note, or write to the office",
    "site.contacts.topic.privacy": "Your personal data: read the privacy notice",

    "site.a11y.title": "Accessibility statement",
    "site.a11y.intro":
      "The organisation running Atlante (a fictional demo organisation) is committed to making its website accessible, in accordance with Italian Law no. 4 of 9 January 2004 and AgID's accessibility guidelines. This statement applies to this website, Atlante.",
    "site.a11y.status.title": "Compliance status",
    "site.a11y.status.text":
      "This website is partially compliant with the requirements of annex A to standard UNI CEI EN 301549 (WCAG 2.1, level AA), because of the non-compliances listed below.",
    "site.a11y.missing.title": "Non-accessible content",
    "site.a11y.missing.intro": "The content listed below is not accessible, or not fully:",
    "site.a11y.missing.lang":
      "Language of parts (WCAG 3.1.2): text written by users (projects, notes, replies) is marked as Italian; text written in another language is read with Italian pronunciation.",
    "site.a11y.missing.markdown":
      "User-written text (WCAG 1.3.1, 2.4.6): the heading structure and link text inside project descriptions and notes depend on their authors.",
    "site.a11y.missing.live":
      "Search as you type (WCAG 4.1.3): the number of results is announced while you type, the new results are not announced one by one.",
    "site.a11y.missing.export":
      "Downloadable files: the catalogue's CSV export is a data file, with no accessible description of its columns.",
    "site.a11y.missing.tests":
      "Testing with people: the site is checked with automated tools and keyboard-only tests, not yet with screen-reader users.",
    "site.a11y.how.title": "Preparation of this statement",
    "site.a11y.how.text":
      "This statement was prepared on {date} by self-assessment: automated axe-core checks of every page type, in Italian and English, at 375, 768 and 1366 pixels wide; keyboard-only tests of the main journeys; a check that no page scrolls sideways at 320 pixels. The checks run on every change to the software.",
    "site.a11y.feedback.title": "Feedback and contact information",
    "site.a11y.feedback.text":
      "If you meet a barrier or content that is not accessible, write to us: we will answer within 30 days. Tell us the page and the problem; if you need it, we will send you the content in an accessible format.",
    "site.a11y.feedback.link": "Report an accessibility problem",
    "site.a11y.feedback.subject": "Accessibility report about Atlante",
    "site.a11y.enforcement.title": "Enforcement procedure",
    "site.a11y.enforcement.text":
      "If the answer is unsatisfactory, or there is no answer within 30 days of your report, you can report it to the Agency for Digital Italy (AgID), as article 3-quinquies(3) of Law 4/2004 provides.",
    "site.a11y.enforcement.link": "Report to AgID (external site)",
    "site.a11y.site.title": "About the website",
    "site.a11y.site.published": "Website published on: {date} (demo data).",
    "site.a11y.site.cms":
      "The website is a custom application built with Designers Italia's Bootstrap Italia theme; it also works without JavaScript.",
    "site.a11y.org.title": "About the organisation (demo data)",
    "site.a11y.org.text":
      "Demo organisation, with fictional data: employees with disabilities 2; workstations for employees with disabilities 2; accessibility manager: the community office (demo role).",
    "site.a11y.more": "How we check it, in detail, is described in the project's documentation.",

    "site.api.title": "API and open data",
    "site.api.lead":
      "Atlante's published content can be read by programs: a read-only JSON API, a catalogue export and Atom feeds. No registration is needed.",
    "site.api.spec": "OpenAPI 3.1 description (JSON)",
    "site.api.errors":
      "Errors are JSON with the fields error, code and details; an invalid request gets 400, a resource that does not exist 404.",
    "site.api.lang": "The technical description below is generated from the OpenAPI document.",
    "site.api.endpoints": "Endpoints",
    "site.api.parameters": "Parameters",
    "site.api.required": "required",
    "site.api.optional": "optional",
    "site.api.responses": "Responses",
    "site.api.try": "Open",

    "site.status.title": "Service status",
    "site.status.ok": "Everything is working.",
    "site.status.degraded":
      "Some parts of the service have problems. Pages can still be read; search and updates may be slow or incomplete.",
    "site.status.checked": "Checked at {time}.",
    "site.status.component": "Component",
    "site.status.state": "Status",
    "site.status.up": "Working",
    "site.status.down": "Not answering",
    "site.status.part.mongodb": "Data store",
    "site.status.part.meilisearch": "Search engine",
    "site.status.part.indexer": "Search updates",
    "site.status.part.process": "Application",
    "site.status.part.embedded": "Internal services",
    "site.status.part.unknown": "Other component",
    "site.status.machines": "For monitoring systems: {url} answers in JSON.",
  },
});
