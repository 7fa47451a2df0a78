// What a session remembers of the browser that signed in: its device, in a few words (bowser parses the
// User-Agent), and a coarse place from its address (ipaddr.js: no geolocation database ships with
// Atlante, so "place" is the kind of network and a shortened address, never a full one).
import Bowser from "bowser";
import ipaddr from "ipaddr.js";

export interface ClientDevice {
  /** e.g. "Firefox 128"; empty when unrecognised. */
  browser: string;
  /** e.g. "Windows 10", "Android"; empty when unrecognised. */
  os: string;
}

export type PlaceKind = "local" | "private" | "public" | "unknown";

export interface ClientPlace {
  kind: PlaceKind;
  /** The shortened address: the /24 of IPv4, the /48 of IPv6 (e.g. "203.0.113.x"). */
  address: string;
}

const MAX = 40;

/** The browser and system of a User-Agent, short (at most 40 characters each). */
export function deviceOf(userAgent: string | undefined): ClientDevice {
  if (!userAgent) return { browser: "", os: "" };
  const parsed = Bowser.parse(userAgent.slice(0, 512));
  const major = (v: string | undefined) => (v ? v.split(".")[0] : "");
  const browser = [parsed.browser.name, major(parsed.browser.version)].filter(Boolean).join(" ");
  const os = [parsed.os.name, parsed.os.versionName ?? ""].filter(Boolean).join(" ");
  return { browser: browser.slice(0, MAX), os: os.slice(0, MAX) };
}

/** Where an address is, as far as can be told without a geolocation database. */
export function placeOf(ip: string | undefined): ClientPlace {
  if (!ip || !ipaddr.isValid(ip)) return { kind: "unknown", address: "" };
  let addr = ipaddr.parse(ip);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  }
  const range = addr.range();
  if (range === "loopback") return { kind: "local", address: "" };
  const kind: PlaceKind = ["private", "linkLocal", "uniqueLocal", "carrierGradeNat"].includes(range)
    ? "private"
    : "public";
  if (addr.kind() === "ipv4") {
    const [a, b, c] = (addr as ipaddr.IPv4).octets;
    return { kind, address: `${a}.${b}.${c}.x` };
  }
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 3).map((p) => p.toString(16));
  return { kind, address: `${parts.join(":")}::/48` };
}
