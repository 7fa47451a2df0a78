// The feeds module's entry: the Atom feeds and the links that advertise them.
export { feedLinks, feedsRouter } from "./feeds.routes";
export { tablesFeedsRouter } from "./tables.feeds";
