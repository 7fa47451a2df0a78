// The seminar Atlante comes from, as demo content. The facts of the event are those of the news item
// (shared/SEED-seminar-news.txt): Friday 17 September 2021, online, within FAMI TEAMS, organised by Regione
// Toscana and ANCI Toscana, more than 60 participants, four working tables with their guiding questions.
// Everything else is made up and says so: the facilitators, the people at each table and every
// contribution ("esempio").
import type { NoteKind } from "../../modules/taxonomy/taxonomy.types";

export const SEMINAR_KEY = "seminario-teams-2021-09-17";

export const SEMINAR = {
  title: "Seminario online di approfondimento su immigrazione e diritti di cittadinanza sociale",
  date: "2021-09-17",
  online: true,
  organisers: ["Regione Toscana", "ANCI Toscana"],
  participants: 60,
  description: [
    "Seminario online previsto nell'ambito del progetto FAMI TEAMS (Tuscany Empowerment Actions for Migrants System) di Regione Toscana e ANCI Toscana.",
    "",
    "Oltre 60 partecipanti si sono confrontati sui progetti finanziati dall'ultimo bando regionale per la coesione sociale, in quattro tavoli di lavoro, ciascuno con le sue domande guida. Obiettivo: promuovere il confronto tra chi lavora per l'inclusione sociale e la cittadinanza attiva delle persone cittadine di paesi terzi e consolidare una comunità di pratica. Dal confronto nasceranno un report di sintesi e linee guida per l'aggiornamento dei piani integrati zonali.",
    "",
    "_In Atlante i dati dell'evento vengono dalla notizia pubblicata dopo il seminario. Chi ha facilitato i tavoli, quante persone sedevano a ciascuno e tutti i contributi sono inventati: sono un esempio._",
  ].join("\n"),
};

const G = "governance-multilivello";
const C = "coinvolgimento-comunita";
const M = "monitoraggio-valutazione";
const A = "accessibilita-servizi";

/** One session per table: fictional facilitator and participants (about 60 in all, as the event). */
export const SEMINAR_SESSIONS: {
  theme: string;
  facilitator: string;
  participants: number;
  projects: string[];
}[] = [
  {
    theme: G,
    facilitator: "Chiara, facilitatrice (esempio)",
    participants: 15,
    projects: [
      "serchio-in-rete",
      "casa-comune-apuane",
      "valtiberina-reti-di-confine",
      "arezzo-sportello-unico",
    ],
  },
  {
    theme: C,
    facilitator: "Davide, facilitatore (esempio)",
    participants: 16,
    projects: [
      "prato-tessere-legami",
      "livorno-porto-franco",
      "casentino-montagna-che-accoglie",
      "pistoia-vicini-di-casa",
    ],
  },
  {
    theme: M,
    facilitator: "Anna, facilitatrice (esempio)",
    participants: 14,
    projects: [
      "toscana-valutare-insieme",
      "pisa-dati-per-decidere",
      "empolese-misurare-l-inclusione",
      "lucca-storie-di-servizi",
    ],
  },
  {
    theme: A,
    facilitator: "Youssef, facilitatore (esempio)",
    participants: 16,
    projects: [
      "ponti-di-parole-lunigiana",
      "siena-salute-senza-barriere",
      "grosseto-sportello-itinerante",
      "pisa-sportello-diritti",
    ],
  },
];

/** Fictional participants, shown by name as guests are. */
export const SEMINAR_PEOPLE = [
  "Rita (esempio)",
  "Omar (esempio)",
  "Lucia (esempio)",
  "Giorgio (esempio)",
  "Fatima (esempio)",
  "Sara (esempio)",
  "Tommaso (esempio)",
  "Mei (esempio)",
  "Andrea (esempio)",
  "Bintou (esempio)",
];

export type SeminarContribution = [
  theme: string,
  question: string | null,
  kind: NoteKind,
  project: string | null,
  body: string,
];

export const SEMINAR_CONTRIBUTIONS: SeminarContribution[] = [
  [
    G,
    "t1-q1",
    "worked",
    "serchio-in-rete",
    "Il protocollo tra i Comuni della valle ha messo sullo stesso tavolo sociale, sanità e scuola: per la prima volta la programmazione di zona ha previsto un capitolo per chi arriva dall'accoglienza.",
  ],
  [
    G,
    "t1-q1",
    "worked_less",
    "casa-comune-apuane",
    "La cabina di regia si riuniva solo a inizio e fine progetto: in mezzo ogni ente andava per conto suo.",
  ],
  [
    G,
    "t1-q1",
    "lesson",
    null,
    "Senza una persona pagata per tenere insieme la rete, la rete dura quanto il finanziamento.",
  ],
  [
    G,
    "t1-q2",
    "recommendation",
    "valtiberina-reti-di-confine",
    "Nei piani integrati zonali scriviamo chi convoca il tavolo e ogni quanto: sembra poco, ma è quello che regge.",
  ],
  [
    G,
    "t1-q2",
    "recommendation",
    null,
    "Coinvolgere le prefetture e i centri di accoglienza fin dalla progettazione, non quando il progetto è già scritto.",
  ],
  [
    G,
    "t1-q2",
    "worked",
    "arezzo-sportello-unico",
    "Lo sportello unico ha funzionato perché Comune e Società della Salute hanno firmato un accordo con compiti chiari per ciascuno.",
  ],
  [
    G,
    "t1-q1",
    "worked_less",
    null,
    "I tempi dei bandi non coincidono con quelli della programmazione zonale: i progetti partono quando il piano è già chiuso.",
  ],
  [
    G,
    "t1-q2",
    "lesson",
    "serchio-in-rete",
    "Le associazioni delle comunità straniere vanno invitate con un ruolo, non come ospiti: altrimenti dopo due incontri non vengono più.",
  ],
  [
    G,
    "t1-q2",
    "recommendation",
    "casa-comune-apuane",
    "Un referente per ogni partner, con il nome nel progetto: quando cambia, si aggiorna l'accordo.",
  ],
  [
    G,
    null,
    "worked",
    null,
    "Gli incontri online hanno permesso anche ai Comuni piccoli di partecipare ai tavoli di zona.",
  ],
  [
    C,
    "t2-q1",
    "worked",
    "prato-tessere-legami",
    "I laboratori di quartiere condotti insieme da volontari italiani e stranieri hanno creato legami che sono durati oltre il progetto.",
  ],
  [
    C,
    "t2-q1",
    "lesson",
    "livorno-porto-franco",
    "La cittadinanza attiva parte da un bisogno concreto: la pulizia del parco ha coinvolto più famiglie di tre mesi di riunioni.",
  ],
  [
    C,
    "t2-q2",
    "worked_less",
    "casentino-montagna-che-accoglie",
    "In montagna i trasporti decidono chi partecipa: gli incontri serali nei capoluoghi escludevano chi viveva nelle frazioni.",
  ],
  [
    C,
    "t2-q2",
    "worked",
    "pistoia-vicini-di-casa",
    "Le feste di condominio organizzate dagli inquilini stessi hanno fatto conoscere i servizi meglio di qualsiasi volantino.",
  ],
  [
    C,
    "t2-q3",
    "recommendation",
    null,
    "Prevedere nel budget un rimborso per chi partecipa ai percorsi di co-progettazione: il tempo delle persone ha un costo.",
  ],
  [
    C,
    "t2-q3",
    "recommendation",
    "prato-tessere-legami",
    "Affidare ai giovani delle seconde generazioni la conduzione di alcuni incontri, con una formazione breve prima.",
  ],
  [
    C,
    "t2-q4",
    "lesson",
    null,
    "Chiedere un parere e poi non dire che cosa se ne è fatto spegne la partecipazione: bisogna sempre restituire.",
  ],
  [
    C,
    "t2-q4",
    "worked",
    "livorno-porto-franco",
    "Il gruppo di mamme nato dal corso di italiano è diventato un'associazione e oggi partecipa al tavolo di zona.",
  ],
  [
    C,
    "t2-q2",
    "worked_less",
    null,
    "I questionari scritti non funzionano: molte persone non li compilano. Meglio le interviste brevi.",
  ],
  [
    C,
    "t2-q3",
    "recommendation",
    "pistoia-vicini-di-casa",
    "Usare i luoghi che le comunità già frequentano (moschee, chiese, associazioni sportive) per gli incontri.",
  ],
  [
    M,
    "t3-q1",
    "lesson",
    "toscana-valutare-insieme",
    "Definire gli indicatori con gli operatori all'inizio ha reso i dati utili anche a loro, non solo al rendiconto.",
  ],
  [
    M,
    "t3-q2",
    "worked",
    "pisa-dati-per-decidere",
    "Una scheda di accesso unica per tutti gli sportelli ha permesso di contare le persone senza doppioni.",
  ],
  [
    M,
    "t3-q2",
    "worked_less",
    "empolese-misurare-l-inclusione",
    "Gli indicatori di esito chiesti dal bando erano troppi: alla fine abbiamo raccolto numeri che nessuno ha letto.",
  ],
  [
    M,
    "t3-q3",
    "recommendation",
    null,
    "Pochi indicatori comuni a livello regionale, uguali per tutti i progetti, e il resto lasciato alle zone.",
  ],
  [
    M,
    "t3-q3",
    "recommendation",
    "lucca-storie-di-servizi",
    "Affiancare ai numeri le storie delle persone raccolte con un metodo: aiutano a capire perché qualcosa funziona.",
  ],
  [
    M,
    "t3-q1",
    "worked",
    "toscana-valutare-insieme",
    "Il confronto a metà progetto con una valutatrice esterna ci ha fatto cambiare due attività che non stavano funzionando.",
  ],
  [
    M,
    "t3-q2",
    "worked_less",
    null,
    "Il software di monitoraggio è arrivato a progetto già avviato: i primi sei mesi di dati sono su fogli sparsi.",
  ],
  [
    M,
    "t3-q3",
    "lesson",
    "pisa-dati-per-decidere",
    "I dati servono se tornano a chi li raccoglie: un cruscotto mensile per gli operatori ha migliorato la qualità delle schede.",
  ],
  [
    M,
    null,
    "recommendation",
    null,
    "Prevedere nel budget di ogni progetto una quota per la valutazione, almeno il 5%.",
  ],
  [
    M,
    "t3-q2",
    "worked",
    "empolese-misurare-l-inclusione",
    "Le interviste di follow-up a sei mesi hanno mostrato esiti che i registri di presenza non vedevano.",
  ],
  [
    A,
    "t4-q1",
    "lesson",
    "ponti-di-parole-lunigiana",
    "Uno sportello dedicato solo ai migranti rischia di diventare un binario separato: meglio portare la mediazione dentro i servizi di tutti.",
  ],
  [
    A,
    "t4-q2",
    "worked",
    "siena-salute-senza-barriere",
    "La mediatrice presente in consultorio due mattine a settimana ha fatto crescere gli accessi delle donne straniere.",
  ],
  [
    A,
    "t4-q2",
    "worked",
    "grosseto-sportello-itinerante",
    "Lo sportello itinerante nei poderi ha raggiunto lavoratori agricoli che non sarebbero mai venuti in città.",
  ],
  [
    A,
    "t4-q3",
    "worked_less",
    "pisa-sportello-diritti",
    "Quando il progetto è finito, gli utenti sono tornati a fare la fila negli uffici senza nessuno che li aiutasse.",
  ],
  [
    A,
    "t4-q3",
    "worked_less",
    null,
    "La formazione degli operatori dei servizi ordinari era facoltativa: sono venuti solo quelli già convinti.",
  ],
  [
    A,
    "t4-q4",
    "recommendation",
    "ponti-di-parole-lunigiana",
    "Inserire la mediazione linguistica nei capitolati dei servizi ordinari, non solo nei progetti.",
  ],
  [
    A,
    "t4-q4",
    "recommendation",
    null,
    "Orari di apertura anche il sabato o la sera per i servizi anagrafici: chi lavora a giornata non può venire la mattina.",
  ],
  [
    A,
    "t4-q1",
    "worked",
    "siena-salute-senza-barriere",
    "Un approccio universalista ha funzionato quando i servizi hanno avuto tempo e strumenti in più, non solo l'indicazione di accogliere tutti.",
  ],
  [
    A,
    "t4-q4",
    "recommendation",
    "grosseto-sportello-itinerante",
    "Condividere tra Comuni un elenco aggiornato dei documenti richiesti, tradotto nelle lingue più parlate.",
  ],
  [
    A,
    "t4-q3",
    "lesson",
    null,
    "La specificità serve all'inizio, per agganciare le persone; poi bisogna accompagnarle verso i servizi di tutti.",
  ],
];

/** These wait in the moderation queue, to show it (by position in SEMINAR_CONTRIBUTIONS). */
export const SEMINAR_PENDING = new Set([9, 19, 29]);
