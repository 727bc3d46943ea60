import type { Locale } from "../vocabulary.js";

/** docs/api.md § Orders: an order's times are shown in its `timeZone`, by default its language's. */
export function defaultTimeZone(locale: Locale): string {
  return locale === "it" ? "Europe/Rome" : "UTC";
}

export function timeZoneOf(order: { time_zone: string | null; locale: Locale }): string {
  return order.time_zone ?? defaultTimeZone(order.locale);
}

/** An IANA time zone name the runtime knows (Europe/Rome, UTC, America/New_York). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
