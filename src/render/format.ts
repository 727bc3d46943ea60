import type { Locale, Service } from "../vocabulary.js";

const intlLocale: Record<Locale, string> = { it: "it-IT", en: "en-GB" };

const formats = new Map<string, Intl.DateTimeFormat>();

function cached(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = formats.get(key);
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/**
 * "1 December 2026 at 10:00 CET" / "1 dicembre 2026 alle ore 10:00 CET": a time in the order's time zone
 * (UTC when none is given), which it names.
 */
export function formatDateTime(at: Date, locale: Locale, timeZone = "UTC"): string {
  return cached(
    `${locale} ${timeZone}`,
    () =>
      new Intl.DateTimeFormat(intlLocale[locale], {
        year: "numeric",
        month: "long",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZone,
        timeZoneName: "short",
      }),
  ).format(at);
}

/** "1 December 2026" / "1 dicembre 2026": a calendar day, or the day of an instant in `timeZone`. */
export function formatDate(at: Date | string, locale: Locale, timeZone = "UTC"): string {
  if (typeof at === "string") {
    return cached(
      `${locale} date UTC`,
      () => new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: "long", timeZone: "UTC" }),
    ).format(new Date(`${at.slice(0, 10)}T00:00:00Z`));
  }
  return cached(
    `${locale} date ${timeZone}`,
    () => new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: "long", timeZone }),
  ).format(at);
}

const serviceWords = {
  en: { months: (n: number) => (n === 1 ? "1 month" : `${n} months`) },
  it: { months: (n: number) => (n === 1 ? "1 mese" : `${n} mesi`) },
} satisfies Record<Locale, unknown>;

/** "Meetings Enterprise (MEETINGS-ENT) × 250, 36 months": the product's name when the order gave one, the SKU, the term. */
export function formatService(s: Service, locale: Locale): string {
  const { name, sku, rest } = serviceParts(s, locale);
  return name ? `${name} (${sku})${rest}` : `${sku}${rest}`;
}

/** A service's parts, for a page that keeps the SKU on one line. */
export function serviceParts(s: Service, locale: Locale): { name?: string; sku: string; rest: string } {
  const quantity = s.quantity.toLocaleString(intlLocale[locale]).replace(/[.,\s]/g, "\u202f");
  const rest = `\u00a0×\u00a0${quantity}${s.termMonths ? `, ${serviceWords[locale].months(s.termMonths)}` : ""}`;
  return { ...(s.name ? { name: s.name } : {}), sku: s.sku, rest };
}

/** Every service of an order, one after the other: "MEETINGS-ENT × 250, 36 months; CALLING × 10". */
export function formatServices(services: readonly Service[], locale: Locale): string {
  return services.map((s) => formatService(s, locale)).join("; ");
}

/** A name that ends a sentence: "Acme S.p.A." gets no second full stop, "Acme" gets one. */
export function endSentence(name: string): string {
  return name.endsWith(".") ? name : `${name}.`;
}

/** Italian "a" before a name, "ad" when the name starts with an a: "ad Acme S.p.A.", "a Zefiro Srl". */
export function ad(name: string): string {
  return /^[aàá]/i.test(name) ? `ad ${name}` : `a ${name}`;
}

/** Italian article before a date: "il 24 novembre", "l'8 dicembre", "l'11 maggio", "l'1 giugno". */
export function il(date: string): string {
  return /^(8|11|1)\D/.test(date) ? `l'${date}` : `il ${date}`;
}
