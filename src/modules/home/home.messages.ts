import { defineMessages } from "../../web/i18n/define";

export const homeMessages = defineMessages({
  it: {
    "home.title": "Atlante dei progetti per la coesione sociale",
    "home.lead":
      "Atlante è la base di conoscenza della comunità di pratica nata dal sistema FAMI TEAMS di Regione Toscana e ANCI Toscana: raccoglie i progetti finanziati dal bando regionale per la coesione sociale e ciò che chi li ha realizzati ha imparato.",
    "home.what.title": "Che cos'è",
    "home.what.text":
      "Ogni progetto ha una scheda con temi, territori, destinatari ed esiti. Le persone che ci hanno lavorato aggiungono note: che cosa ha funzionato, che cosa ha funzionato meno, che cosa raccomandano.",
    "home.who.title": "Per chi è",
    "home.who.text":
      "Per operatrici e operatori che progettano un intervento e cercano esperienze simili; per chi coordina la comunità e cura il catalogo; per chi vuole condividere la propria esperienza.",
    "home.tables.title": "I quattro tavoli di lavoro",
    "home.tables.text":
      "Il seminario online del 17 settembre 2021 ha confrontato più di 60 partecipanti in quattro tavoli. Atlante rende permanente quello scambio.",
    "home.demo": "Questa installazione contiene contenuti di esempio, fittizi.",
    "home.catalogue.browse.one": "Sfoglia l'unico progetto del catalogo",
    "home.catalogue.browse.other": "Sfoglia i {n} progetti del catalogo",
  },
  en: {
    "home.title": "Atlas of the social-cohesion projects",
    "home.lead":
      "Atlante is the knowledge base of the community of practice born from the FAMI TEAMS system of Regione Toscana and ANCI Toscana: it collects the projects funded by the regional social-cohesion call and what the people who ran them learned.",
    "home.what.title": "What it is",
    "home.what.text":
      "Every project has a page with its themes, territories, target groups and outcomes. The people who worked on it add notes: what worked, what worked less, what they recommend.",
    "home.who.title": "Who it is for",
    "home.who.text":
      "For practitioners planning an intervention and looking for similar experiences; for coordinators who curate the catalogue; for anyone who wants to share their experience.",
    "home.tables.title": "The four working tables",
    "home.tables.text":
      "The online seminar of 17 September 2021 brought together more than 60 participants in four working tables. Atlante makes that exchange permanent.",
    "home.demo": "This installation holds demo content, which is fictional.",
    "home.catalogue.browse.one": "Browse the one project of the catalogue",
    "home.catalogue.browse.other": "Browse the {n} projects of the catalogue",
  },
});
