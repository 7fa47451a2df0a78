/**
 * The language of what people write in Atlante (projects, notes, replies): Italian, the community's
 * language. Elements holding it carry `lang={CONTENT_LANG}`, so that the English interface reads them as
 * Italian (WCAG 3.1.2, language of parts). Content has no language field of its own yet.
 */
export const CONTENT_LANG = "it";
