import { messageDictionaries, missingPluralForms, translator } from "../../src/web/i18n";

describe("translator", () => {
  it("When a key is asked in each language, then the right text comes back", () => {
    expect(translator("it")("nav.home")).toBe("Home");
    expect(translator("it")("skip.main")).toBe("Vai al contenuto principale");
    expect(translator("en")("skip.main")).toBe("Skip to main content");
  });

  it("When parameters are given, then placeholders are replaced and unknown ones kept", () => {
    expect(translator("en")("error.429.text", { seconds: 30 })).toBe(
      "Too many attempts. Try again in 30 seconds.",
    );
    expect(translator("en")("error.429.text")).toContain("{seconds}");
  });
});

describe("plural messages", () => {
  it("When a count is 1 or more, then each language picks its own form and writes the number its way", () => {
    const it = translator("it");
    const en = translator("en");
    expect(it.plural("notes.queue.flags", 1)).toBe("1 segnalazione");
    expect(it.plural("notes.queue.flags", 3)).toBe("3 segnalazioni");
    expect(it.plural("notes.queue.done", 1)).toBe("1 nota aggiornata.");
    expect(it.plural("notes.queue.done", 12345)).toBe("12.345 note aggiornate.");
    expect(en.plural("notes.queue.flags", 1)).toBe("1 flag");
    expect(en.plural("notes.queue.flags", 0)).toBe("0 flags");
    expect(en.plural("notes.queue.done", 1234)).toBe("1,234 notes updated.");
  });

  it("When every catalogue is read, then no count lacks a plural form in any language", () => {
    expect(missingPluralForms(messageDictionaries)).toEqual([]);
  });

  it("When a count lacks its singular in one language, then the check names it", () => {
    const it = new Map([
      ["x.count.one", "1 cosa"],
      ["x.count.other", "{n} cose"],
    ]);
    const en = new Map([["x.count.other", "{n} things"]]);
    expect(missingPluralForms({ it, en })).toEqual(["en: x.count.one"]);
  });
});

describe("inclusive Italian", () => {
  // Forms that address the reader (or name a role) in the masculine only; neutral phrasing exists for each:
  // "hai ricevuto un invito", "hai chiuso la sessione", "il coordinamento", "se la richiesta non viene da te".
  const MASCULINE_ONLY =
    /\b(sei stato|sei uscito|sei entrato|sei sicuro|sei registrato|benvenuto|un coordinatore|i coordinatori|ai coordinatori|invitati ora)\b/i;

  it("When the Italian messages are read, then none addresses people in the masculine only", () => {
    const offending = [...messageDictionaries.it.entries()].filter(([, text]) => MASCULINE_ONLY.test(text));
    expect(offending).toEqual([]);
  });
});
