import { usePage } from "../page-context";
import { langOfUrl } from "../../src/web/i18n/lang-url";

/** In a GET form: keeps the language the page's address asked for (`?lang=`), so the answer has it too. */
export function LangField() {
  const { url } = usePage();
  const lang = langOfUrl(url);
  return lang ? <input type="hidden" name="lang" value={lang} /> : null;
}
