import { defineMessages } from "../../web/i18n/define";

// The privacy notice describes what this code does (sessions, logs, retention, cookies). The controller
// and contacts of the demo are fictional and say so: a real deployment replaces them.
export const privacyMessages = defineMessages({
  it: {
    "privacy.title": "Informativa sulla privacy",
    "privacy.footer": "Privacy",
    "privacy.joinLink": "Come trattiamo i tuoi dati: leggi l'informativa sulla privacy.",
    "privacy.demo":
      "Questa è l'informativa della versione dimostrativa di Atlante: il titolare e i recapiti indicati sono fittizi (esempio). Chi mette in servizio Atlante deve sostituirli con i propri.",
    "privacy.deleted": "Il tuo account è stato eliminato. Grazie per aver partecipato.",
    "privacy.controller.title": "Chi è il titolare del trattamento",
    "privacy.controller.body":
      "Associazione Atlante Esempio (fittizia), via dell'Esempio 1, 50100 Firenze. Per ogni domanda sui tuoi dati scrivi a privacy@atlante-esempio.invalid (indirizzo fittizio).",
    "privacy.data.title": "Quali dati trattiamo",
    "privacy.data.body":
      "Dati dell'account: email, nome visualizzato, ente o organizzazione, lingua preferita, ruolo, data dell'ultimo accesso.\nI tuoi contributi: note, risposte, segnalazioni e i segni \"utile\" che lasci, con le versioni precedenti delle tue note.\nDati tecnici di sicurezza: le sessioni aperte (tipo di browser e sistema, rete abbreviata da cui è avvenuto l'accesso, ora di accesso e di ultima attività), il registro di sicurezza (accessi, cambi di password, modifiche di ruolo, con l'indirizzo di rete) e i contatori dei tentativi usati per limitare gli abusi.\nNon usiamo strumenti di analisi o di profilazione e non cediamo i dati a terzi.",
    "privacy.purpose.title": "Perché e su quale base",
    "privacy.purpose.body":
      "Per darti il servizio che hai chiesto aderendo alla comunità di pratica (art. 6, par. 1, lett. b del Regolamento UE 2016/679) e per proteggere gli account e il servizio da accessi abusivi (legittimo interesse, lett. f).",
    "privacy.retention.title": "Per quanto tempo",
    "privacy.retention.body":
      "L'account e i contributi finché non elimini l'account.\nLe sessioni: si chiudono quando esci, dopo 2 ore senza attività e comunque dopo 12 ore.\nIl registro di sicurezza: 12 mesi, poi è cancellato automaticamente; resta per questo periodo anche dopo l'eliminazione dell'account.\nI contatori dei tentativi: da 15 minuti a 24 ore.\nIl ricordo del browser da cui hai effettuato l'accesso (cookie atl.device): 180 giorni.",
    "privacy.rights.title": "I tuoi diritti",
    "privacy.rights.body":
      'Puoi vedere e correggere i dati del profilo nella pagina Il mio profilo.\nPuoi scaricare tutti i tuoi dati in formato JSON (profilo, note con le versioni precedenti, risposte, segnalazioni, segni "utile", sessioni).\nPuoi eliminare l\'account: prima ti chiediamo la password. Scegli tu se eliminare anche le tue note e risposte oppure lasciarle alla comunità firmate "ex membro", senza il tuo nome e senza collegamento a te, anche nella ricerca e nei feed. Le note non ancora pubblicate sono eliminate in ogni caso.\nHai anche diritto di opporti al trattamento, di chiederne la limitazione e di proporre reclamo al Garante per la protezione dei dati personali.',
    "privacy.contacts.title": "Recapiti dei progetti",
    "privacy.contacts.body":
      "I recapiti delle persone di riferimento dei progetti sono visibili solo ai membri che hanno effettuato l'accesso e non compaiono nelle esportazioni pubbliche del catalogo.",
    "privacy.cookies.title": "Cookie",
    "privacy.cookies.body":
      "Solo cookie tecnici, necessari al servizio: atl.sid (la sessione, dopo l'accesso), atl.csrf (protezione dei moduli), lang (la lingua scelta), atl.device (il browser da cui hai già effettuato l'accesso, per non bloccarti se qualcun altro prova a indovinare la tua password). Nessun cookie di terze parti.",
    "privacy.me.title": "I tuoi dati",
    "privacy.me.download": "Scarica i miei dati (JSON)",
    "privacy.me.delete": "Elimina il mio account",
    "privacy.me.notice": "Informativa sulla privacy",
    "privacy.delete.title": "Elimina il mio account",
    "privacy.delete.intro":
      "L'eliminazione è definitiva: l'account, il profilo e le sessioni sono cancellati e non potrai più accedere con questo indirizzo, se non chiedendo di nuovo di aderire.",
    "privacy.delete.notes": "Che cosa fare delle tue note e risposte pubblicate",
    "privacy.delete.notes.keep":
      'Lasciale alla comunità, firmate "ex membro" (il tuo nome e il collegamento a te sono tolti ovunque)',
    "privacy.delete.notes.delete": "Eliminale insieme all'account",
    "privacy.delete.notes.hint":
      'Le note non ancora pubblicate, le bozze, le tue segnalazioni e i tuoi segni "utile" sono eliminati o resi anonimi in ogni caso.',
    "privacy.delete.notesRequired": "Scegli che cosa fare delle tue note.",
    "privacy.delete.confirm": "Ho capito che l'eliminazione è definitiva",
    "privacy.delete.confirmRequired": "Conferma di aver capito che l'eliminazione è definitiva.",
    "privacy.delete.password": "Per sicurezza, scrivi la tua password attuale.",
    "privacy.delete.submit": "Elimina definitivamente il mio account",
    "privacy.delete.download": "Prima di procedere puoi scaricare i tuoi dati.",
  },
  en: {
    "privacy.title": "Privacy notice",
    "privacy.footer": "Privacy",
    "privacy.joinLink": "How we handle your data: read the privacy notice.",
    "privacy.demo":
      "This is the privacy notice of Atlante's demo: the controller and contacts below are fictional (example). Whoever runs Atlante must replace them with their own.",
    "privacy.deleted": "Your account has been deleted. Thank you for taking part.",
    "privacy.controller.title": "Who the controller is",
    "privacy.controller.body":
      "Associazione Atlante Esempio (fictional), via dell'Esempio 1, 50100 Florence. For any question about your data write to privacy@atlante-esempio.invalid (a fictional address).",
    "privacy.data.title": "What data we process",
    "privacy.data.body":
      'Account data: email, display name, organisation, preferred language, role, date of the last sign-in.\nYour contributions: notes, replies, flags and the "useful" marks you leave, with the earlier versions of your notes.\nTechnical security data: open sessions (kind of browser and system, the shortened network they signed in from, times of sign-in and last activity), the security log (sign-ins, password changes, role changes, with the network address) and the attempt counters used to limit abuse.\nWe use no analytics or profiling tools and give no data to third parties.',
    "privacy.purpose.title": "Why, and on what basis",
    "privacy.purpose.body":
      "To give you the service you asked for by joining the community of practice (art. 6(1)(b) of Regulation (EU) 2016/679), and to protect accounts and the service from abuse (legitimate interest, point (f)).",
    "privacy.retention.title": "For how long",
    "privacy.retention.body":
      "The account and your contributions until you delete the account.\nSessions: they end when you sign out, after 2 hours without activity, and after 12 hours in any case.\nThe security log: 12 months, then it is deleted automatically; it stays for that time even after the account is deleted.\nAttempt counters: from 15 minutes to 24 hours.\nThe memory of the browser you signed in from (cookie atl.device): 180 days.",
    "privacy.rights.title": "Your rights",
    "privacy.rights.body":
      'You can see and correct your profile on the My profile page.\nYou can download all your data as JSON (profile, notes with earlier versions, replies, flags, "useful" marks, sessions).\nYou can delete your account: we ask for your password first. You choose whether your notes and replies are deleted too, or left to the community signed "former member", without your name or any link to you, in search and feeds too. Notes not yet published are deleted in any case.\nYou also have the right to object, to ask for restriction, and to lodge a complaint with the Italian data protection authority (Garante per la protezione dei dati personali).',
    "privacy.contacts.title": "Project contacts",
    "privacy.contacts.body":
      "The contact details of the projects' reference people are shown only to signed-in members and are left out of the public exports of the catalogue.",
    "privacy.cookies.title": "Cookies",
    "privacy.cookies.body":
      "Only technical cookies the service needs: atl.sid (the session, after signing in), atl.csrf (form protection), lang (the language you chose), atl.device (the browser you already signed in from, so that you are not locked out when someone else tries to guess your password). No third-party cookies.",
    "privacy.me.title": "Your data",
    "privacy.me.download": "Download my data (JSON)",
    "privacy.me.delete": "Delete my account",
    "privacy.me.notice": "Privacy notice",
    "privacy.delete.title": "Delete my account",
    "privacy.delete.intro":
      "Deletion is final: the account, the profile and the sessions are erased, and you will not be able to sign in with this address again unless you ask to join anew.",
    "privacy.delete.notes": "What to do with your published notes and replies",
    "privacy.delete.notes.keep":
      'Leave them to the community, signed "former member" (your name and any link to you are removed everywhere)',
    "privacy.delete.notes.delete": "Delete them with the account",
    "privacy.delete.notes.hint":
      'Notes not yet published, drafts, your flags and your "useful" marks are deleted or made anonymous in any case.',
    "privacy.delete.notesRequired": "Choose what to do with your notes.",
    "privacy.delete.confirm": "I understand that deletion is final",
    "privacy.delete.confirmRequired": "Confirm that you understand deletion is final.",
    "privacy.delete.password": "For your safety, enter your current password.",
    "privacy.delete.submit": "Delete my account for good",
    "privacy.delete.download": "Before going on you can download your data.",
  },
});
