import type { Locale, Service } from "../vocabulary.js";

const intlLocale: Record<Locale, string> = { it: "it-IT", en: "en-GB" };

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** "1 December 2026, 09:00 UTC" / "1 dicembre 2026, 09:00 UTC": times are shown in UTC, and say so. */
export function formatDateTime(at: Date, locale: Locale): string {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale[locale], {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: "UTC",
    });
    dateTimeFormats.set(locale, format);
  }
  return `${format.format(at)} UTC`;
}

/** "1 December 2026" / "1 dicembre 2026". */
export function formatDate(at: Date | string, locale: Locale): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: "long", timeZone: "UTC" });
    dateFormats.set(locale, format);
  }
  return format.format(typeof at === "string" ? new Date(`${at.slice(0, 10)}T00:00:00Z`) : at);
}

/** "MEETINGS-ENT × 250, CALLING × 10". */
export function formatServices(services: readonly Service[]): string {
  return services
    .map((s) => `${s.sku} × ${s.quantity.toLocaleString("en").replace(/,/g, "\u202f")}`)
    .join(", ");
}

/** A name that ends a sentence: "Acme S.p.A." gets no second full stop, "Acme" gets one. */
export function endSentence(name: string): string {
  return name.endsWith(".") ? name : `${name}.`;
}
