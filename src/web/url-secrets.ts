// Some URLs carry secrets: invitation and reset links a token in their path, multipart forms the CSRF
// token in their query string. Those never reach a log line or a link printed on a page.
const TOKEN_PATH = /^\/(invite|reset)\/[^/?#]+/;
const CSRF_PARAM = /([?&])_csrf=[^&#]*&?/g;

/** The URL with its secrets replaced (`/reset/[token]`) or removed (`_csrf`). */
export function withoutSecrets(url: string): string {
  return url
    .replace(TOKEN_PATH, "/$1/[token]")
    .replace(CSRF_PARAM, (_m, sep: string) => sep)
    .replace(/[?&]$/, "");
}
