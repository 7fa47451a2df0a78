import { defineMessages } from "../../web/i18n/define";

/** Two-factor authentication and single sign-on. */
export const twoFactorMessages = defineMessages({
  it: {
    "accounts.2fa.title": "Verifica in due passaggi",
    "accounts.2fa.intro":
      "Oltre alla password, all'accesso ti chiediamo un codice dell'app di autenticazione o una passkey: chi scopre la tua password da solo non può entrare.",
    "accounts.2fa.required": "Per il tuo ruolo la verifica in due passaggi è obbligatoria.",
    "accounts.2fa.app.title": "App di autenticazione",
    "accounts.2fa.app.on": "L'app di autenticazione è attiva.",
    "accounts.2fa.app.disableCode": "Codice attuale, per disattivarla",
    "accounts.2fa.app.disable": "Disattiva l'app di autenticazione",
    "accounts.2fa.code": "Codice",
    "accounts.2fa.codeHint":
      "Le 6 cifre mostrate dall'app, oppure uno dei codici di recupero (per esempio abcde-fghjk).",
    "accounts.2fa.codeMissing": "Scrivi il codice.",
    "accounts.2fa.codeWrong": "Il codice non è valido o è già stato usato: riprova con quello nuovo.",
    "accounts.2fa.tooMany": "Troppi tentativi: attendi qualche minuto e riprova.",
    "accounts.2fa.expired": "La verifica è scaduta: accedi di nuovo.",
    "accounts.2fa.notEnrolled": "Attiva prima l'app di autenticazione o una passkey.",
    "accounts.2fa.requiredCannotRemove":
      "Per il tuo ruolo serve almeno un secondo fattore: aggiungine un altro prima di togliere questo.",
    "accounts.2fa.passkeyFailed": "La passkey non è stata riconosciuta. Riprova o usa un codice.",
    "accounts.2fa.setup.step1":
      "Installa un'app di autenticazione sul telefono (per esempio FreeOTP, Aegis o Google Authenticator).",
    "accounts.2fa.setup.step2": "Inquadra questo codice QR con l'app.",
    "accounts.2fa.setup.qrAlt": "Codice QR per l'app di autenticazione",
    "accounts.2fa.setup.manual": "Se non puoi inquadrarlo, scrivi nell'app questa chiave:",
    "accounts.2fa.setup.step3": "Scrivi qui sotto il codice di 6 cifre che l'app ti mostra.",
    "accounts.2fa.setup.code": "Codice dell'app",
    "accounts.2fa.setup.submit": "Attiva",
    "accounts.2fa.step.title": "Verifica in due passaggi",
    "accounts.2fa.step.intro":
      "Scrivi il codice che vedi nell'app di autenticazione, oppure un codice di recupero.",
    "accounts.2fa.step.introRecovery": "Se non hai con te la passkey, scrivi uno dei codici di recupero.",
    "accounts.2fa.step.mustEnrol":
      "Per il tuo ruolo la verifica in due passaggi è obbligatoria e il periodo per attivarla è finito: attivala ora per entrare.",
    "accounts.2fa.step.passkeyIntro": "Usa la passkey registrata (chiave di sicurezza o telefono).",
    "accounts.2fa.step.passkey": "Usa la passkey",
    "accounts.2fa.step.submit": "Verifica",
    "accounts.2fa.step.cancel": "Annulla l'accesso",
    "accounts.2fa.codes.title": "Codici di recupero",
    "accounts.2fa.codes.intro":
      "Ecco {count} codici di recupero. Ognuno vale una volta sola, se perdi il telefono o la passkey. Conservali in un luogo sicuro: non li mostreremo più.",
    "accounts.2fa.codes.left": "Codici di recupero ancora validi: {count}.",
    "accounts.2fa.codes.regenerate": "Crea nuovi codici (quelli vecchi smettono di valere)",
    "accounts.2fa.codes.done": "Li ho conservati, continua",
    "accounts.2fa.passkeys.title": "Passkey",
    "accounts.2fa.passkeys.intro": "Una chiave di sicurezza o il telefono, al posto del codice.",
    "accounts.2fa.passkeys.name": "Nome della passkey (per riconoscerla)",
    "accounts.2fa.passkeys.add": "Aggiungi una passkey",
    "accounts.2fa.passkeys.added": "aggiunta il {date}",
    "accounts.2fa.passkeys.remove": "Rimuovi",
    "accounts.2fa.passkeys.unnamed": "Passkey senza nome",
    "accounts.2fa.passkeys.noscript": "Per aggiungere una passkey serve JavaScript attivo nel browser.",
    "accounts.2fa.notice.totp": "L'app di autenticazione è attiva.",
    "accounts.2fa.notice.totpOff": "L'app di autenticazione è stata disattivata.",
    "accounts.2fa.notice.passkey": "La passkey è stata aggiunta.",
    "accounts.2fa.notice.passkeyRemoved": "La passkey è stata rimossa.",
    "accounts.2fa.banner":
      "Per il tuo ruolo la verifica in due passaggi diventa obbligatoria: attivala entro il {date}.",
    "accounts.2fa.banner.link": "Attivala ora",
    "accounts.admin.users.reset2fa": "Azzera la verifica in due passaggi",
    "accounts.admin.users.twoFactorReset":
      "Verifica in due passaggi azzerata: la persona è stata disconnessa e dovrà attivarla di nuovo.",
    "accounts.oidc.or": "Oppure accedi con l'account del tuo ente:",
    "accounts.oidc.button": "Accedi con il tuo ente",
    "accounts.oidc.failed": "L'accesso con il tuo ente non è riuscito. Riprova dall'inizio.",
    "accounts.oidc.unverified":
      "Il tuo ente non conferma il tuo indirizzo email: non possiamo collegarlo a un account di Atlante.",
    "accounts.oidc.noAccount":
      "Non c'è un account di Atlante con questo indirizzo. Chiedi di aderire dalla pagina apposita.",
    "accounts.oidc.unavailable":
      "Il servizio di accesso del tuo ente non risponde. Riprova più tardi o usa la password.",
  },
  en: {
    "accounts.2fa.title": "Two-step verification",
    "accounts.2fa.intro":
      "Besides your password, signing in asks for a code from your authenticator app or a passkey: someone who learns your password alone cannot get in.",
    "accounts.2fa.required": "Your role requires two-step verification.",
    "accounts.2fa.app.title": "Authenticator app",
    "accounts.2fa.app.on": "The authenticator app is on.",
    "accounts.2fa.app.disableCode": "Current code, to turn it off",
    "accounts.2fa.app.disable": "Turn off the authenticator app",
    "accounts.2fa.code": "Code",
    "accounts.2fa.codeHint":
      "The 6 digits shown by the app, or one of your recovery codes (e.g. abcde-fghjk).",
    "accounts.2fa.codeMissing": "Type the code.",
    "accounts.2fa.codeWrong": "The code is not valid or was already used: try again with the new one.",
    "accounts.2fa.tooMany": "Too many attempts: wait a few minutes and try again.",
    "accounts.2fa.expired": "The verification expired: sign in again.",
    "accounts.2fa.notEnrolled": "Turn on the authenticator app or a passkey first.",
    "accounts.2fa.requiredCannotRemove":
      "Your role needs at least one second factor: add another before removing this one.",
    "accounts.2fa.passkeyFailed": "The passkey was not recognised. Try again or use a code.",
    "accounts.2fa.setup.step1":
      "Install an authenticator app on your phone (e.g. FreeOTP, Aegis or Google Authenticator).",
    "accounts.2fa.setup.step2": "Scan this QR code with the app.",
    "accounts.2fa.setup.qrAlt": "QR code for the authenticator app",
    "accounts.2fa.setup.manual": "If you cannot scan it, type this key into the app:",
    "accounts.2fa.setup.step3": "Type below the 6-digit code the app shows.",
    "accounts.2fa.setup.code": "Code from the app",
    "accounts.2fa.setup.submit": "Turn on",
    "accounts.2fa.step.title": "Two-step verification",
    "accounts.2fa.step.intro": "Type the code shown in your authenticator app, or a recovery code.",
    "accounts.2fa.step.introRecovery":
      "If you do not have your passkey with you, type one of your recovery codes.",
    "accounts.2fa.step.mustEnrol":
      "Your role requires two-step verification and the time to set it up is over: set it up now to sign in.",
    "accounts.2fa.step.passkeyIntro": "Use your registered passkey (security key or phone).",
    "accounts.2fa.step.passkey": "Use the passkey",
    "accounts.2fa.step.submit": "Verify",
    "accounts.2fa.step.cancel": "Cancel signing in",
    "accounts.2fa.codes.title": "Recovery codes",
    "accounts.2fa.codes.intro":
      "Here are {count} recovery codes. Each works once, if you lose your phone or passkey. Keep them somewhere safe: they will not be shown again.",
    "accounts.2fa.codes.left": "Recovery codes still valid: {count}.",
    "accounts.2fa.codes.regenerate": "Make new codes (the old ones stop working)",
    "accounts.2fa.codes.done": "I have kept them, continue",
    "accounts.2fa.passkeys.title": "Passkeys",
    "accounts.2fa.passkeys.intro": "A security key or your phone, instead of the code.",
    "accounts.2fa.passkeys.name": "Passkey name (to recognise it)",
    "accounts.2fa.passkeys.add": "Add a passkey",
    "accounts.2fa.passkeys.added": "added on {date}",
    "accounts.2fa.passkeys.remove": "Remove",
    "accounts.2fa.passkeys.unnamed": "Unnamed passkey",
    "accounts.2fa.passkeys.noscript": "Adding a passkey needs JavaScript in your browser.",
    "accounts.2fa.notice.totp": "The authenticator app is on.",
    "accounts.2fa.notice.totpOff": "The authenticator app was turned off.",
    "accounts.2fa.notice.passkey": "The passkey was added.",
    "accounts.2fa.notice.passkeyRemoved": "The passkey was removed.",
    "accounts.2fa.banner": "Your role will require two-step verification: set it up by {date}.",
    "accounts.2fa.banner.link": "Set it up now",
    "accounts.admin.users.reset2fa": "Reset two-step verification",
    "accounts.admin.users.twoFactorReset":
      "Two-step verification reset: the person was signed out and must set it up again.",
    "accounts.oidc.or": "Or sign in with your organisation's account:",
    "accounts.oidc.button": "Sign in with your organisation",
    "accounts.oidc.failed": "Signing in with your organisation failed. Start again.",
    "accounts.oidc.unverified":
      "Your organisation does not confirm your e-mail address: it cannot be linked to an Atlante account.",
    "accounts.oidc.noAccount":
      "There is no Atlante account with this address. Ask to join from the join page.",
    "accounts.oidc.unavailable":
      "Your organisation's sign-in service does not answer. Try later or use your password.",
  },
});
