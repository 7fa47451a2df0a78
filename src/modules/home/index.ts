// The home module's entry: the home page.
export { homeRouter } from "./home.routes";
