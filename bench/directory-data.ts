import { closeSync, openSync, writeSync } from "node:fs";
import { parseEmail } from "../src/matching/email.js";

/**
 * A deterministic, realistic directory export for the import benchmark (docs/api.md § Directory,
 * `POST /api/v1/import`): organizations, their users and their subscriptions, one JSON record a line.
 *
 * Layout of the file, so both ways an export can be ordered are exercised:
 * 1. every partner, then the first half of the customers: organizations only (a typical export);
 * 2. the users of those organizations, then their subscriptions;
 * 3. the other customers one by one, each followed right away by its users and its subscriptions.
 *
 * E-mail addresses are unique by construction (a per-domain counter picks a distinct name pair), so the
 * generator holds no set of addresses and leaves nothing large behind for the measured import.
 */
export type DataSize = { organizations: number; users: number; subscriptions: number };
export type Generated = DataSize & { bytes: number; lines: number; partners: number };

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// First words of company names: a few very common ones (Zipf-weighted below), so name prefixes are
// heavily shared, as in a real directory ("Tecno…", "Edil…", "Studio…", "Gruppo…").
const leadWords = [
  "Tecno",
  "Studio",
  "Edil",
  "Gruppo",
  "Euro",
  "Info",
  "Italia",
  "Nuova",
  "Global",
  "Centro",
  "General",
  "Sistemi",
  "Rossi",
  "Bianchi",
  "Ferrari",
  "Alfa",
  "Omega",
  "Delta",
  "Meta",
  "Mega",
  "Servizi",
  "Logistica",
  "Trasporti",
  "Impianti",
  "Costruzioni",
  "Farmacia",
  "Hotel",
  "Ristorante",
  "Autofficina",
  "Elettro",
  "Termo",
  "Idro",
  "Agri",
  "Bio",
  "Eco",
  "Green",
  "Smart",
  "Digital",
  "Data",
  "Net",
  "Web",
  "Cloud",
  "Software",
  "Consulting",
  "Partners",
  "Advisors",
  "Capital",
  "Industrie",
  "Officine",
  "Fonderia",
  "Cantina",
  "Caseificio",
  "Panificio",
  "Tipografia",
  "Ottica",
  "Clinica",
  "Poliambulatorio",
  "Scuola",
  "Accademia",
  "Fondazione",
  "Associazione",
  "Cooperativa",
  "Immobiliare",
  "Assicurazioni",
  "Banca",
  "Credito",
  "Finanziaria",
  "Holding",
  "Invest",
  "Media",
  "Comunicazione",
  "Marketing",
  "Design",
  "Moda",
  "Tessile",
  "Calzaturificio",
  "Mobilificio",
  "Arredamenti",
  "Ceramiche",
  "Marmi",
  "Vetreria",
  "Plastica",
  "Chimica",
  "Meccanica",
  "Elettronica",
  "Automazione",
  "Robotica",
  "Energia",
  "Solare",
  "Ambiente",
  "Acqua",
  "Gas",
  "Petroli",
  "Nord",
  "Sud",
  "Alpina",
  "Adriatica",
  "Tirrena",
  "Lombarda",
  "Veneta",
  "Toscana",
  "Romana",
  "Siciliana",
  "Schmidt",
  "Müller",
  "Weber",
  "Dupont",
  "Martin",
  "García",
  "López",
  "Smith",
  "Johnson",
  "Brown",
];
const middleWords = [
  "Impianti",
  "Sistemi",
  "Servizi",
  "Costruzioni",
  "Consulting",
  "Solutions",
  "Group",
  "Italia",
  "Europe",
  "Tech",
  "Lab",
  "Service",
  "Engineering",
  "Trading",
  "Logistics",
  "Design",
  "Project",
  "Informatica",
  "Elettrica",
  "Meccanica",
  "Edile",
  "Commerciale",
  "Industriale",
  "Medica",
  "Legale",
  "Tributario",
  "Associato",
  "Progetti",
  "Forniture",
  "Distribuzione",
  "Ricambi",
  "Macchine",
  "Utensili",
  "Packaging",
  "Food",
  "Wine",
  "Travel",
  "Sport",
  "Fashion",
  "Home",
  "Office",
  "Print",
  "Verde",
  "Blu",
  "Rosso",
  "Oro",
  "Argento",
  "Stella",
  "Sole",
  "Luna",
  "Mare",
  "Monte",
  "Valle",
];
const placeWords = [
  "Milano",
  "Roma",
  "Torino",
  "Napoli",
  "Bologna",
  "Firenze",
  "Verona",
  "Padova",
  "Brescia",
  "Bergamo",
  "Genova",
  "Bari",
  "Palermo",
  "Trento",
  "Udine",
  "Modena",
  "Parma",
  "Lecce",
  "Nord",
  "Sud",
  "Est",
  "Ovest",
  "Centro",
  "Due",
  "Tre",
  "2000",
  "3000",
  "24",
  "360",
  "Plus",
  "Pro",
];
const countries = [
  {
    code: "IT",
    tld: "it",
    weight: 62,
    forms: ["S.r.l.", "S.p.A.", "S.r.l.s.", "S.a.s.", "S.n.c.", "Soc. Coop.", ""],
  },
  { code: "DE", tld: "de", weight: 8, forms: ["GmbH", "AG", "GmbH & Co. KG", "e.K.", ""] },
  { code: "FR", tld: "fr", weight: 6, forms: ["SAS", "SARL", "SA", ""] },
  { code: "ES", tld: "es", weight: 5, forms: ["S.L.", "S.A.", ""] },
  { code: "GB", tld: "co.uk", weight: 6, forms: ["Ltd", "Limited", "PLC", "LLP", ""] },
  { code: "US", tld: "com", weight: 5, forms: ["Inc.", "LLC", "Corp.", "Co.", ""] },
  { code: "CH", tld: "ch", weight: 3, forms: ["AG", "SA", "GmbH", "Sagl", ""] },
  { code: "AT", tld: "at", weight: 2, forms: ["GmbH", "AG", ""] },
  { code: "NL", tld: "nl", weight: 2, forms: ["B.V.", "N.V.", ""] },
  { code: "", tld: "eu", weight: 1, forms: [""] },
] as const;
const givenNames = [
  "mario",
  "luca",
  "giulia",
  "francesca",
  "marco",
  "andrea",
  "alessandro",
  "sara",
  "chiara",
  "paolo",
  "giuseppe",
  "giovanni",
  "anna",
  "laura",
  "elena",
  "roberto",
  "stefano",
  "davide",
  "matteo",
  "simone",
  "federica",
  "valentina",
  "martina",
  "silvia",
  "antonio",
  "francesco",
  "lorenzo",
  "riccardo",
  "fabio",
  "massimo",
  "claudia",
  "roberta",
  "monica",
  "paola",
  "cristina",
  "daniela",
  "alberto",
  "enrico",
  "giorgio",
  "carlo",
  "michele",
  "nicola",
  "pietro",
  "filippo",
  "tommaso",
  "edoardo",
  "gabriele",
  "emma",
  "sofia",
  "aurora",
  "alice",
  "greta",
  "beatrice",
  "ginevra",
  "elisa",
  "irene",
  "marta",
  "hans",
  "klaus",
  "jürgen",
  "anke",
  "petra",
  "pierre",
  "jean",
  "marie",
  "camille",
  "josé",
  "maría",
  "carmen",
  "john",
  "james",
  "mary",
  "jennifer",
  "michael",
  "david",
  "sarah",
  "emily",
  "thomas",
  "peter",
  "susan",
  "karen",
  "daniel",
  "olivia",
  "noah",
  "liam",
  "ava",
  "mia",
  "lucas",
  "hugo",
  "léa",
  "chloé",
  "nina",
  "lena",
  "max",
  "ben",
  "paul",
  "julia",
  "eva",
  "ivan",
  "olga",
  "sven",
];
const familyNames = [
  "rossi",
  "russo",
  "ferrari",
  "esposito",
  "bianchi",
  "romano",
  "colombo",
  "ricci",
  "marino",
  "greco",
  "bruno",
  "gallo",
  "conti",
  "deluca",
  "mancini",
  "costa",
  "giordano",
  "rizzo",
  "lombardi",
  "moretti",
  "barbieri",
  "fontana",
  "santoro",
  "mariani",
  "rinaldi",
  "caruso",
  "ferrara",
  "galli",
  "martini",
  "leone",
  "longo",
  "gentile",
  "martinelli",
  "vitale",
  "lombardo",
  "serra",
  "coppola",
  "desantis",
  "damico",
  "marchetti",
  "parisi",
  "villa",
  "conte",
  "ferraro",
  "ferri",
  "fabbri",
  "bianco",
  "marini",
  "grasso",
  "valentini",
  "messina",
  "sala",
  "deangelis",
  "gatti",
  "pellegrini",
  "palumbo",
  "sanna",
  "farina",
  "rizzi",
  "monti",
  "cattaneo",
  "morelli",
  "amato",
  "silvestri",
  "mazza",
  "testa",
  "grassi",
  "pellegrino",
  "carbone",
  "giuliani",
  "benedetti",
  "barone",
  "rossetti",
  "caputo",
  "montanari",
  "guerra",
  "palmieri",
  "bernardi",
  "martino",
  "fiore",
  "derosa",
  "ferretti",
  "bellini",
  "basile",
  "riva",
  "donati",
  "piras",
  "vitali",
  "battaglia",
  "sartori",
  "neri",
  "costantini",
  "milani",
  "pagano",
  "ruggiero",
  "sorrentino",
  "damico",
  "orlando",
  "negri",
  "mantovani",
  "muller",
  "schmidt",
  "schneider",
  "fischer",
  "weber",
  "meyer",
  "wagner",
  "becker",
  "schulz",
  "hoffmann",
  "martin",
  "bernard",
  "dubois",
  "thomas",
  "robert",
  "richard",
  "petit",
  "durand",
  "leroy",
  "moreau",
  "garcia",
  "fernandez",
  "gonzalez",
  "rodriguez",
  "lopez",
  "martinez",
  "sanchez",
  "perez",
  "smith",
  "johnson",
  "williams",
  "brown",
  "jones",
  "miller",
  "davis",
  "wilson",
  "anderson",
  "taylor",
  "moore",
  "jackson",
  "white",
  "harris",
  "clark",
  "lewis",
  "walker",
  "hall",
  "allen",
  "young",
  "king",
  "wright",
  "scott",
];
// About 15% of users are on public providers; the rest on their organization's domains.
const publicProviders = [
  { domain: "gmail.com", weight: 40 },
  { domain: "libero.it", weight: 15 },
  { domain: "outlook.com", weight: 10 },
  { domain: "yahoo.it", weight: 8 },
  { domain: "hotmail.it", weight: 8 },
  { domain: "virgilio.it", weight: 6 },
  { domain: "icloud.com", weight: 5 },
  { domain: "gmx.de", weight: 4 },
  { domain: "tiscali.it", weight: 4 },
];
const publicShare = 0.15;
const skus = [
  "MEETINGS-STD",
  "MEETINGS-ENT",
  "MAIL-BASIC",
  "MAIL-PRO",
  "DRIVE-1TB",
  "PHONE-SEAT",
  "SECURITY-EDR",
];
const sources = [
  { value: "import", weight: 45 },
  { value: "online", weight: 25 },
  { value: "partner", weight: 15 },
  { value: "trial", weight: 10 },
  { value: "wizard", weight: 5 },
] as const;

const referenceTime = Date.UTC(2025, 5, 30); // fixed, so the file never depends on the clock
const tenYears = 10 * 365.25 * 24 * 3600 * 1000;

function weighted<T extends { weight: number }>(items: readonly T[], random: () => number): () => T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  return () => {
    let r = random() * total;
    for (const item of items) {
      r -= item.weight;
      if (r < 0) return item;
    }
    return items[items.length - 1]!;
  };
}

/** Index in [0, n) skewed to the start: index 0 is by far the most common (Zipf-like, s≈1). */
function zipf(n: number, random: () => number): number {
  return Math.min(n - 1, Math.floor(Math.exp(random() * Math.log(n + 1))) - 1);
}

/** `toscana.it` is a public suffix (as are many Italian regions and cities): `toscanagroup.it` instead. */
function registrable(domain: string): string {
  const parsed = parseEmail(`x@${domain}`);
  if (parsed.ok && parsed.value.registrableDomain === domain) return domain;
  const dot = domain.indexOf(".");
  return registrable(`${domain.slice(0, dot)}group${domain.slice(dot)}`);
}

function ascii(word: string): string {
  return word.normalize("NFKD").replace(/\p{M}/gu, "");
}

function slug(words: string[]): string {
  return words
    .join("")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** Splits `total` in `weights.length` whole parts proportional to the weights (deterministic). */
function apportion(total: number, weights: Float64Array, random: () => number): Uint32Array {
  const sum = weights.reduce((s, w) => s + w, 0);
  const counts = new Uint32Array(weights.length);
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    counts[i] = Math.floor((weights[i]! * total) / sum);
    given += counts[i]!;
  }
  while (given < total) {
    counts[Math.floor(random() * weights.length)]!++;
    given++;
  }
  return counts;
}

type Org = {
  externalId: string;
  kind: "customer" | "partner";
  /** Corporate mail domains; the first is the main one. */
  domains: string[];
  users: number;
  subscriptions: number;
};

/** Writes the export to `file`; answers what it holds. */
export function generateDirectory(file: string, size: DataSize, seed = 20250630): Generated {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const country = weighted(countries, random);
  const source = weighted(sources, random);
  const provider = weighted(publicProviders, random);
  const iso = (time: number) => new Date(time).toISOString();

  // Organizations: about 3% partners, which come first in the file.
  const orgCount = size.organizations;
  const partners = Math.max(1, Math.round(orgCount * 0.03));
  const orgs: Org[] = [];
  const orgLines: string[] = [];
  for (let i = 0; i < orgCount; i++) {
    const kind = i < partners ? "partner" : "customer";
    const c = country();
    const words = [leadWords[zipf(leadWords.length, random)]!];
    if (chance(0.75)) words.push(pick(middleWords));
    if (chance(0.3)) words.push(pick(placeWords));
    if (kind === "partner" && chance(0.5))
      words.push(pick(["Partners", "Consulting", "IT Services", "Solutions"]));
    const form = pick(c.forms);
    const name = (chance(0.02) ? "The " : "") + words.join(" ") + (form ? ` ${form}` : "");
    const base = slug(words);
    const domains: string[] = [];
    const previous = orgs[orgs.length - 1];
    // Group companies share their parent's domain; others have their own, sometimes two.
    if (previous && chance(0.03)) domains.push(previous.domains[0]!);
    else domains.push(registrable(`${base}.${c.tld}`));
    if (chance(0.08)) domains.push(registrable(c.tld === "com" ? `${base}group.com` : `${base}.com`));
    const externalId = `ORG-${String(i + 1).padStart(7, "0")}`;
    orgs.push({ externalId, kind, domains, users: 0, subscriptions: 0 });
    const record: Record<string, unknown> = {
      type: "organization",
      externalId,
      name,
      kind,
      source: kind === "partner" ? "partner" : source().value,
      createdAt: iso(referenceTime - random() * tenYears),
    };
    if (c.code !== "") record.country = c.code;
    // A fifth of the customers are managed by a partner (all partners are earlier in the file).
    if (kind === "customer" && chance(0.2)) {
      record.managingPartnerExternalId = `ORG-${String(1 + Math.floor(random() * partners)).padStart(7, "0")}`;
    }
    orgLines.push(JSON.stringify(record));
  }

  // Users per organization: heavy-tailed (log-normal), a few organizations with hundreds of users.
  const userWeights = new Float64Array(orgCount);
  for (let i = 0; i < orgCount; i++) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    userWeights[i] = Math.exp(1.2 * normal);
  }
  const userCounts = apportion(size.users, userWeights, random);
  const subscriptionWeights = new Float64Array(orgCount);
  for (let i = 0; i < orgCount; i++) subscriptionWeights[i] = chance(0.35) ? 0 : 0.5 + random();
  const subscriptionCounts = apportion(size.subscriptions, subscriptionWeights, random);
  for (let i = 0; i < orgCount; i++) {
    orgs[i]!.users = userCounts[i]!;
    orgs[i]!.subscriptions = subscriptionCounts[i]!;
  }

  // Per-domain counters make every address unique: counter k picks name pair (k * step) mod pairs,
  // a bijection over the pairs; past that a number is appended.
  const firstNames = [...new Set(givenNames)];
  const lastNames = [...new Set(familyNames)];
  const pairs = firstNames.length * lastNames.length;
  const step = 7919; // prime, not a divisor of pairs
  const domainCounters = new Map<string, number>();
  const nextLocal = (domain: string): { local: string; first: string; last: string } => {
    const k = domainCounters.get(domain) ?? 0;
    domainCounters.set(domain, k + 1);
    const p = (k * step + domain.length * 31) % pairs;
    const first = firstNames[p % firstNames.length]!;
    const last = lastNames[Math.floor(p / firstNames.length)]!;
    const round = Math.floor(k / pairs);
    return { local: `${ascii(first)}.${last}${round > 0 ? round : ""}`, first, last };
  };
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

  let userSeq = 0;
  let subscriptionSeq = 0;
  const userLines = (org: Org): string[] => {
    const lines: string[] = [];
    for (let u = 0; u < org.users; u++) {
      userSeq++;
      const domain = chance(publicShare) ? provider().domain : pick(org.domains);
      const { local, first, last } = nextLocal(domain);
      // A few addresses are written in mixed case or on a mail subdomain: the importer normalizes them.
      let email = `${local}@${domain}`;
      if (chance(0.02)) email = `${capital(local)}@${domain.toUpperCase()}`;
      else if (chance(0.01) && !publicProviders.some((p) => p.domain === domain))
        email = `${local}@mail.${domain}`;
      const record: Record<string, unknown> = {
        type: "user",
        organizationExternalId: org.externalId,
        email,
      };
      if (chance(0.9)) record.name = `${capital(first)} ${capital(last)}`;
      record.role = u === 0 ? "full_admin" : chance(0.03) ? "full_admin" : "user";
      if (chance(0.6))
        record.lastActiveAt = iso(referenceTime - random() * random() * 2 * 365 * 24 * 3600 * 1000);
      lines.push(JSON.stringify(record));
    }
    return lines;
  };
  const subscriptionLines = (org: Org): string[] => {
    const lines: string[] = [];
    for (let s = 0; s < org.subscriptions; s++) {
      subscriptionSeq++;
      const services: { sku: string; quantity: number }[] = [];
      const count = 1 + zipf(3, random);
      const offset = Math.floor(random() * skus.length);
      for (let k = 0; k < count; k++) {
        services.push({
          sku: skus[(offset + k) % skus.length]!,
          quantity: 1 + Math.floor(random() * random() * 500),
        });
      }
      const r = random();
      const record: Record<string, unknown> = {
        type: "subscription",
        organizationExternalId: org.externalId,
        externalId: `SUB-${String(subscriptionSeq).padStart(8, "0")}`,
        status: r < 0.8 ? "active" : r < 0.88 ? "suspended" : r < 0.96 ? "expired" : "cancelled",
        services,
      };
      if (chance(0.7)) record.termMonths = pick([1, 12, 12, 24, 36]);
      lines.push(JSON.stringify(record));
    }
    return lines;
  };

  const fd = openSync(file, "w");
  let bytes = 0;
  let lines = 0;
  let buffer: string[] = [];
  let buffered = 0;
  const emit = (line: string) => {
    buffer.push(line);
    buffered += line.length;
    lines++;
    if (buffered > 1 << 20) drain();
  };
  const drain = () => {
    if (buffer.length === 0) return;
    bytes += writeSync(fd, `${buffer.join("\n")}\n`);
    buffer = [];
    buffered = 0;
  };
  try {
    const half = partners + Math.floor((orgCount - partners) / 2);
    for (let i = 0; i < half; i++) emit(orgLines[i]!);
    for (let i = 0; i < half; i++) for (const line of userLines(orgs[i]!)) emit(line);
    for (let i = 0; i < half; i++) for (const line of subscriptionLines(orgs[i]!)) emit(line);
    for (let i = half; i < orgCount; i++) {
      emit(orgLines[i]!);
      for (const line of userLines(orgs[i]!)) emit(line);
      for (const line of subscriptionLines(orgs[i]!)) emit(line);
    }
    drain();
  } finally {
    closeSync(fd);
  }
  if (userSeq !== size.users || subscriptionSeq !== size.subscriptions) {
    throw new Error(`generator bug: ${userSeq} users, ${subscriptionSeq} subscriptions`);
  }
  return { ...size, bytes, lines, partners };
}

// `tsx bench/directory-data.ts FILE ORGANIZATIONS USERS SUBSCRIPTIONS`: the benchmark generates the file in a
// child process, so that the generator's garbage never counts in the importer's peak RSS.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const [file, organizations, users, subscriptions] = process.argv.slice(2);
  const generated = generateDirectory(file!, {
    organizations: Number(organizations),
    users: Number(users),
    subscriptions: Number(subscriptions),
  });
  process.stdout.write(JSON.stringify(generated));
}
