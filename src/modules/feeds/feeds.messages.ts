import { defineMessages } from "../../web/i18n/define";

/** Titles of the working tables' feeds (the projects' and notes' feeds use the notes module's). */
export const feedsMessages = defineMessages({
  it: {
    "feeds.reports.title": "Atlante: rapporti di sintesi pubblicati",
    "feeds.recommendations.title": "Atlante: registro delle raccomandazioni",
    "feeds.recommendations.new": "Nuova raccomandazione {code}: {text}",
    "feeds.recommendations.status": "{code}, {zone}: {status}",
  },
  en: {
    "feeds.reports.title": "Atlante: published synthesis reports",
    "feeds.recommendations.title": "Atlante: recommendations register",
    "feeds.recommendations.new": "New recommendation {code}: {text}",
    "feeds.recommendations.status": "{code}, {zone}: {status}",
  },
});
