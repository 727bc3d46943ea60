/**
 * The demo directory: a fictitious set of customers and partners (all domains invented) chosen so
 * that the wizard's matching (matching.md) shows every outcome. Demo inputs (company name + admin e-mail):
 *
 * Customer order (customer_self / partner_for_customer):
 * - existing_admin     "Acme S.p.A."          + mario.rossi@acme.it
 * - existing_member    "Acme S.p.A."          + giulia.bianchi@acme.it   (new-administrator request to Acme's admins)
 * - existing_member    "Hudson Valley"        + j.carter@hudsonvalleyanalytics.com (no full_admin: request goes to operators)
 * - candidates (B + C) "Acme"                 + nuovo.admin@acme.it
 *     B: Acme S.p.A. in_use, the old "Acme" trial possibly_abandoned, "Acme srl" trial recent,
 *        ACME Italia Srl unclear, Acme Consulting in_use; C (same domain, other name): Fondazione Acme.
 *     Never listed: Acme Servizi Srl (deleted), ACME Corporation (no user on acme.it), Acme Digital Partner (partner).
 * - candidates (B + C) "Acme Consulting"      + nuovo.admin@acme.it      (prefix "acmec": ACME Italia drops out)
 * - candidates, weak   "Pizzeria Da Mario"    + nuovo.titolare@gmail.com (public provider: B only, publicDomain: true;
 *                                                                          Pizzeria Al Duomo has only libero.it users)
 * - candidates (C only) "Alpen Fracht GmbH"   + neu@brennerlogistik.de   (Brenner Logistik, BL Spedition Süd)
 * - candidates (B + C) "Brenner Transport"    + neu@brennerlogistik.de
 * - name key           "Muller GmbH" + neu@mueller-gmbh.de (B) but "Mueller GmbH" (prefix "muell") → C only;
 *                      "Strasse Bau" + neu@strassebau.de; "Odegaard Energi" + ny@odegaard-energi.no;
 *                      "Societe Lumiere" + nouveau@lumiere-eclairage.fr; "Green Leaf Ltd" + new@greenleaf.co.uk
 *                      (one user on mail.greenleaf.co.uk: same registrable domain); "Ромашка" + new@romashka-trade.bg;
 *                      "Bäckerei Schäfer" + neu@xn--bckerei-schfer-5hbk.at (the IDN domain of its admin) → B.
 * - ADMIN_EMAIL_WRONG_KIND "Rossi Costruzioni" + luca.ferri@techpartners.it (the partner types its own e-mail)
 * - no_match           "Zefiro Robotics Srl"  + anna.conti@zefirorobotics.it; "Gelateria Aurora" + gelateria.aurora@gmail.com
 *
 * Partner order for the partner's own use (partner_own_use):
 * - existing_admin     "Nordic Cloud Partners AB" + erik.lindqvist@nordiccloud.se
 * - existing_member    "Nordic Cloud Partners AB" + karin.berg@nordiccloud.se
 * - candidates         "Nordic Cloud"          + ny.kollega@nordiccloud.se (AB in_use, the old trial possibly_abandoned)
 * - candidates (kinds) "Acme Digital"          + nuovo.admin@acme.it      (only the partner organization)
 * - ADMIN_EMAIL_WRONG_KIND "Nordic Cloud"      + mario.rossi@acme.it
 * - no_match           "Zefiro Partners"       + anna.conti@zefirorobotics.it
 */

type Source = "trial" | "online" | "partner" | "wizard" | "import";
type Role = "full_admin" | "user";
type Status = "active" | "suspended" | "expired" | "cancelled";

/** [e-mail, name, role, days since last activity (absent: unknown)] */
type UserRow = readonly [email: string, name: string, role: Role, lastActiveDaysAgo?: number];
/** [status, SKU, quantity, term in months] */
type SubscriptionRow = readonly [status: Status, sku: string, quantity: number, termMonths?: number];
type OrganizationRow = {
  /** externalId without the `demo-org-` prefix */
  id: string;
  name: string;
  partner?: true;
  source: Source;
  country: string;
  /** days since creation */
  age: number;
  /** id of the managing partner */
  managedBy?: string;
  /** days since deletion */
  deleted?: number;
  users: readonly UserRow[];
  subscriptions?: readonly SubscriptionRow[];
};

const ADMIN = "full_admin";
const USER = "user";

const organizations: readonly OrganizationRow[] = [
  // partner_own_use: existing_admin / existing_member; ADMIN_EMAIL_WRONG_KIND when its admin is typed for a customer
  {
    id: "techpartners",
    name: "TechPartners Italia Srl",
    partner: true,
    source: "import",
    country: "IT",
    age: 3650,
    users: [
      ["luca.ferri@techpartners.it", "Luca Ferri", ADMIN, 0],
      ["sara.gallo@techpartners.it", "Sara Gallo", USER, 3],
      ["supporto@techpartners.it", "Supporto TechPartners", USER],
    ],
    subscriptions: [["active", "PARTNER-DEMO", 10, 12]],
  },
  // partner_own_use candidates: two near-duplicate partners on nordiccloud.se (in_use, possibly_abandoned)
  {
    id: "nordic-cloud",
    name: "Nordic Cloud Partners AB",
    partner: true,
    source: "import",
    country: "SE",
    age: 2900,
    users: [
      ["erik.lindqvist@nordiccloud.se", "Erik Lindqvist", ADMIN, 1],
      ["karin.berg@nordiccloud.se", "Karin Berg", USER, 6],
      ["johan.nilsson@nordiccloud.se", "Johan Nilsson", USER, 40],
    ],
    subscriptions: [["active", "MEETINGS-STD", 15, 12]],
  },
  {
    id: "nordic-cloud-trial",
    name: "Nordic Cloud Partners",
    partner: true,
    source: "trial",
    country: "SE",
    age: 1800,
    users: [["sales@nordiccloud.se", "Nordic Cloud Sales", ADMIN, 1790]],
    subscriptions: [["expired", "TRIAL-MEETINGS", 5, 1]],
  },
  // partners managing customers (managedCustomers on partner cards)
  {
    id: "alpine-it",
    name: "Alpine IT Services AG",
    partner: true,
    source: "online",
    country: "CH",
    age: 2200,
    users: [
      ["reto.meier@alpine-it.ch", "Reto Meier", ADMIN, 2],
      ["support@alpine-it.ch", "Alpine IT Support", USER, 0],
    ],
    subscriptions: [["active", "MEETINGS-STD", 8, 12]],
  },
  {
    id: "hexagone-cloud",
    name: "Hexagone Cloud SAS",
    partner: true,
    source: "import",
    country: "FR",
    age: 1400,
    users: [["claire.dubois@hexagone-cloud.fr", "Claire Dubois", ADMIN, 5]],
    subscriptions: [["active", "MAIL-PRO", 5, 12]],
  },
  {
    id: "iberia-cloud",
    name: "Iberia Cloud Solutions S.L.",
    partner: true,
    source: "wizard",
    country: "ES",
    age: 30,
    users: [["javier.moreno@iberiacloud.es", "Javier Moreno", ADMIN, 1]],
    subscriptions: [["active", "MEETINGS-STD", 3, 12]],
  },
  // kinds: an "Acme" partner with users on acme.it, listed only for partner_own_use
  {
    id: "acme-digital",
    name: "Acme Digital Partner Srl",
    partner: true,
    source: "import",
    country: "IT",
    age: 1300,
    users: [
      ["partner.desk@acme.it", "Acme Partner Desk", ADMIN, 20],
      ["f.moretti@acme.it", "Federica Moretti", USER, 25],
    ],
    subscriptions: [["active", "PARTNER-DEMO", 2, 12]],
  },

  // existing_admin (mario.rossi@acme.it), existing_member (giulia.bianchi@acme.it); for "Acme" a B candidate, in_use
  {
    id: "acme",
    name: "Acme S.p.A.",
    source: "online",
    country: "IT",
    age: 2200,
    users: [
      ["mario.rossi@acme.it", "Mario Rossi", ADMIN, 1],
      ["anna.ferrari@acme.it", "Anna Ferrari", ADMIN, 0],
      ["giulia.bianchi@acme.it", "Giulia Bianchi", USER, 3],
      ["paolo.esposito@acme.it", "Paolo Esposito", USER, 12],
    ],
    subscriptions: [
      ["active", "MEETINGS-ENT", 50, 36],
      ["active", "STORAGE-1TB", 5, 12],
      ["cancelled", "MAIL-BASIC", 40],
    ],
  },
  // candidates (B) for "Acme" + …@acme.it, one per assessment: unclear, in_use, possibly_abandoned, recent
  {
    id: "acme-italia",
    name: "ACME Italia Srl",
    source: "partner",
    country: "IT",
    age: 400,
    managedBy: "techpartners",
    users: [["f.romano@acme.it", "Francesco Romano", ADMIN, 30]],
    subscriptions: [["active", "MEETINGS-STD", 5, 12]],
  },
  {
    id: "acme-consulting",
    name: "Acme Consulting",
    source: "wizard",
    country: "IT",
    age: 540,
    users: [
      ["s.marino@acme.it", "Simona Marino", ADMIN, 4],
      ["l.greco@acme.it", "Lorenzo Greco", USER, 9],
    ],
    subscriptions: [["active", "MEETINGS-STD", 10, 12]],
  },
  {
    id: "acme-old-trial",
    name: "Acme",
    source: "trial",
    country: "IT",
    age: 2400,
    users: [["m.rossi@acme.it", "Mario Rossi", ADMIN, 2380]],
    subscriptions: [["expired", "TRIAL-MEETINGS", 5, 1]],
  },
  {
    id: "acme-trial",
    name: "Acme srl",
    source: "trial",
    country: "IT",
    age: 12,
    users: [["davide.colombo@acme.it", "Davide Colombo", ADMIN, 11]],
    subscriptions: [["cancelled", "TRIAL-MEETINGS", 5, 1]],
  },
  // candidates (C): same domain acme.it, other name
  {
    id: "fondazione-acme",
    name: "Fondazione Acme",
    source: "import",
    country: "IT",
    age: 1500,
    users: [
      ["chiara.ricci@acme.it", "Chiara Ricci", ADMIN, 15],
      ["eventi@fondazioneacme.org", "Eventi Fondazione", USER, 60],
    ],
    subscriptions: [["active", "MEETINGS-STD", 4, 12]],
  },
  // never matches: deleted (the only deleted organization)
  {
    id: "acme-servizi",
    name: "Acme Servizi Srl",
    source: "import",
    country: "IT",
    age: 1000,
    deleted: 300,
    users: [["servizi@acme.it", "Acme Servizi", ADMIN, 320]],
    subscriptions: [["cancelled", "MAIL-BASIC", 10]],
  },
  // never a candidate for …@acme.it: the name matches but no user on acme.it
  {
    id: "acme-corp-us",
    name: "ACME Corporation",
    source: "online",
    country: "US",
    age: 700,
    users: [["john.miller@acmecorp-us.com", "John Miller", ADMIN, 7]],
    subscriptions: [["active", "MEETINGS-STD", 20, 12]],
  },

  // candidates on a public provider (weak evidence) for "Pizzeria Da Mario" + …@gmail.com: all four assessments
  {
    id: "pizzeria-da-mario",
    name: "Pizzeria Da Mario",
    source: "online",
    country: "IT",
    age: 800,
    users: [
      ["pizzeriadamario.napoli@gmail.com", "Mario Esposito", ADMIN, 2],
      ["ciro.damario@gmail.com", "Ciro Esposito", USER, 5],
    ],
    subscriptions: [["active", "MEETINGS-STD", 2, 12]],
  },
  {
    id: "pizzeria-da-mario-trial",
    name: "Pizzeria Da Mario",
    source: "trial",
    country: "IT",
    age: 1900,
    users: [["damario.pizzeria@gmail.com", "Mario Esposito", ADMIN, 1880]],
    subscriptions: [["expired", "TRIAL-MEETINGS", 2, 1]],
  },
  {
    id: "pizzeria-bella-napoli",
    name: "Pizzeria Bella Napoli",
    source: "partner",
    country: "IT",
    age: 300,
    managedBy: "techpartners",
    users: [["bellanapoli.pizzeria@gmail.com", "Gennaro Russo", ADMIN, 20]],
    subscriptions: [["active", "MEETINGS-STD", 1, 12]],
  },
  {
    id: "pizzeria-vesuvio",
    name: "Pizzeria Il Vesuvio",
    source: "trial",
    country: "IT",
    age: 20,
    users: [["vesuvio.pizzeria@gmail.com", "Salvatore Amato", ADMIN, 18]],
  },
  // not a candidate for …@gmail.com (its users are on libero.it); one for "Pizzeria" + …@libero.it
  {
    id: "pizzeria-al-duomo",
    name: "Pizzeria Al Duomo",
    source: "wizard",
    country: "IT",
    age: 500,
    users: [["alduomo.pizzeria@libero.it", "Antonio Galli", ADMIN, 3]],
    subscriptions: [["active", "MEETINGS-STD", 1, 12]],
  },
  // small businesses on public providers (existing_admin / existing_member with a public address)
  {
    id: "ferramenta-colombo",
    name: "Ferramenta Colombo",
    source: "online",
    country: "IT",
    age: 1200,
    users: [
      ["ferramenta.colombo@libero.it", "Giorgio Colombo", ADMIN, 1],
      ["g.colombo@yahoo.it", "Gianni Colombo", USER, 14],
    ],
    subscriptions: [["active", "MAIL-BASIC", 3, 12]],
  },
  {
    id: "studio-ferri",
    name: "Studio Dentistico Ferri",
    source: "wizard",
    country: "IT",
    age: 150,
    users: [
      ["studioferri@hotmail.com", "Elena Ferri", ADMIN, 2],
      ["segreteria.studioferri@outlook.com", "Segreteria Studio Ferri", USER, 2],
    ],
    subscriptions: [["active", "MAIL-BASIC", 2, 12]],
  },
  {
    id: "panificio-russo",
    name: "Panificio Russo",
    source: "trial",
    country: "IT",
    age: 3000,
    users: [["panificio.russo@yahoo.it", "Rosa Russo", ADMIN, 2990]],
    subscriptions: [["expired", "TRIAL-MEETINGS", 1, 1]],
  },
  {
    id: "bb-la-terrazza",
    name: "B&B La Terrazza",
    source: "online",
    country: "IT",
    age: 60,
    users: [["bblaterrazza@outlook.com", "Laura Conti", ADMIN, 1]],
    subscriptions: [["active", "MAIL-BASIC", 1, 1]],
  },
  {
    id: "agriturismo-le-querce",
    name: "Agriturismo Le Querce",
    source: "partner",
    country: "IT",
    age: 700,
    managedBy: "techpartners",
    users: [
      ["lequerce.agriturismo@gmail.com", "Franco Bruno", ADMIN, 8],
      ["info@agriturismolequerce.it", "Agriturismo Le Querce", USER, 8],
    ],
    subscriptions: [["active", "MEETINGS-STD", 2, 12]],
  },

  // Italian customers: existing_admin; "Rossi Costruzioni" + luca.ferri@techpartners.it is ADMIN_EMAIL_WRONG_KIND
  {
    id: "rossi-costruzioni",
    name: "Rossi Costruzioni S.r.l.",
    source: "import",
    country: "IT",
    age: 4000,
    managedBy: "techpartners",
    users: [
      ["giuseppe.rossi@rossi-costruzioni.it", "Giuseppe Rossi", ADMIN, 2],
      ["ufficio.tecnico@rossi-costruzioni.it", "Ufficio Tecnico", USER, 0],
      ["amministrazione@rossi-costruzioni.it", "Amministrazione", USER, 6],
    ],
    subscriptions: [
      ["active", "MEETINGS-STD", 12, 36],
      ["active", "STORAGE-1TB", 2, 12],
    ],
  },
  {
    id: "studio-legale-bianchi",
    name: "Studio Legale Bianchi & Associati",
    source: "online",
    country: "IT",
    age: 1000,
    users: [
      ["avv.bianchi@studiolegalebianchi.it", "Roberto Bianchi", ADMIN, 3],
      ["segreteria@studiolegalebianchi.it", "Segreteria", USER, 1],
    ],
    subscriptions: [["active", "MAIL-PRO", 8, 12]],
  },
  {
    id: "lanificio-valsesia",
    name: "Lanificio Valsesia S.p.A.",
    source: "import",
    country: "IT",
    age: 5000,
    users: [
      ["r.zanetti@lanificiovalsesia.it", "Roberta Zanetti", ADMIN, 9],
      ["it@lanificiovalsesia.it", "Servizi IT", ADMIN, 0],
      ["produzione@lanificiovalsesia.it", "Produzione", USER],
      ["qualita@lanificiovalsesia.it", "Controllo Qualità", USER, 30],
    ],
    subscriptions: [
      ["active", "MEETINGS-ENT", 120, 36],
      ["expired", "BACKUP-100GB", 10, 12],
    ],
  },
  {
    id: "cantina-colli-euganei",
    name: "Cantina Colli Euganei",
    source: "partner",
    country: "IT",
    age: 45,
    managedBy: "techpartners",
    users: [["enologo@cantinacollieuganei.it", "Matteo Pavan", ADMIN, 10]],
    subscriptions: [["active", "MAIL-BASIC", 4, 12]],
  },
  {
    id: "officine-brambilla",
    name: "Officine Meccaniche Brambilla",
    source: "wizard",
    country: "IT",
    age: 10,
    users: [["marco.brambilla@officinebrambilla.it", "Marco Brambilla", ADMIN, 0]],
    subscriptions: [["active", "MEETINGS-STD", 6, 12]],
  },

  // brennerlogistik.de: "Brenner Transport" gives B + C, "Alpen Fracht GmbH" gives C only
  {
    id: "brenner-logistik",
    name: "Brenner Logistik GmbH",
    source: "import",
    country: "DE",
    age: 2500,
    users: [
      ["thomas.huber@brennerlogistik.de", "Thomas Huber", ADMIN, 1],
      ["disposition@brennerlogistik.de", "Disposition", USER, 0],
      ["lager@brennerlogistik.de", "Lager", USER, 4],
    ],
    subscriptions: [["active", "MEETINGS-STD", 25, 12]],
  },
  {
    id: "bl-spedition-sued",
    name: "BL Spedition Süd GmbH",
    source: "online",
    country: "DE",
    age: 600,
    users: [
      ["k.wagner@brennerlogistik.de", "Katrin Wagner", ADMIN, 3],
      ["info@bl-spedition-sued.de", "BL Spedition Info", USER, 10],
    ],
    subscriptions: [["active", "MAIL-BASIC", 6, 12]],
  },

  // the name key: ü → u, ß → ss, ø → o, é → e, legal forms and "The" dropped, Cyrillic kept, IDN domain
  {
    id: "mueller",
    name: "Müller GmbH",
    source: "partner",
    country: "DE",
    age: 1600,
    managedBy: "alpine-it",
    users: [
      ["hans.mueller@mueller-gmbh.de", "Hans Müller", ADMIN, 2],
      ["buchhaltung@mueller-gmbh.de", "Buchhaltung", USER, 7],
    ],
    subscriptions: [["active", "MEETINGS-STD", 9, 12]],
  },
  {
    id: "strasse-bau",
    name: "Straße Bau GmbH & Co. KG",
    source: "import",
    country: "DE",
    age: 3000,
    users: [
      ["stefan.schmid@strassebau.de", "Stefan Schmid", ADMIN, 5],
      ["bauleitung@strassebau.de", "Bauleitung", USER, 2],
    ],
    subscriptions: [
      ["active", "MEETINGS-STD", 14, 12],
      ["suspended", "STORAGE-1TB", 1, 12],
    ],
  },
  {
    id: "baeckerei-schaefer",
    name: "Bäckerei Schäfer",
    source: "partner",
    country: "AT",
    age: 100,
    managedBy: "alpine-it",
    users: [["anna.schaefer@bäckerei-schäfer.at", "Anna Schäfer", ADMIN, 6]],
    subscriptions: [["active", "MAIL-BASIC", 2, 12]],
  },
  {
    id: "uhrenwerk-jura",
    name: "Uhrenwerk Jura SA",
    source: "import",
    country: "CH",
    age: 3500,
    managedBy: "alpine-it",
    users: [
      ["l.favre@uhrenwerk-jura.ch", "Luc Favre", ADMIN, 1],
      ["atelier@uhrenwerk-jura.ch", "Atelier", USER, 3],
    ],
    subscriptions: [["active", "MEETINGS-STD", 7, 36]],
  },
  {
    id: "societe-lumiere",
    name: "Société Lumière SARL",
    source: "partner",
    country: "FR",
    age: 1100,
    managedBy: "hexagone-cloud",
    users: [
      ["sophie.martin@lumiere-eclairage.fr", "Sophie Martin", ADMIN, 2],
      ["comptabilite@lumiere-eclairage.fr", "Comptabilité", USER, 15],
    ],
    subscriptions: [["active", "MAIL-PRO", 6, 12]],
  },
  {
    id: "odegaard-energi",
    name: "Ødegaard Energi AS",
    source: "partner",
    country: "NO",
    age: 700,
    managedBy: "nordic-cloud",
    users: [
      ["ingrid.odegaard@odegaard-energi.no", "Ingrid Ødegaard", ADMIN, 1],
      ["drift@odegaard-energi.no", "Drift", USER, 2],
    ],
    subscriptions: [["active", "MEETINGS-STD", 11, 12]],
  },
  {
    id: "lumo-design",
    name: "Lumo Design Oy",
    source: "partner",
    country: "FI",
    age: 5,
    managedBy: "nordic-cloud",
    users: [["aino.virtanen@lumodesign.fi", "Aino Virtanen", ADMIN, 1]],
    subscriptions: [["suspended", "MEETINGS-STD", 3, 12]],
  },
  {
    id: "romashka-trade",
    name: "Ромашка Трейд",
    source: "wizard",
    country: "BG",
    age: 250,
    users: [["ivan.petrov@romashka-trade.bg", "Иван Петров", ADMIN, 90]],
    subscriptions: [["suspended", "MAIL-PRO", 3, 12]],
  },
  {
    id: "green-leaf",
    name: "The Green Leaf Company Ltd",
    source: "online",
    country: "GB",
    age: 1600,
    users: [
      ["olivia.hughes@greenleaf.co.uk", "Olivia Hughes", ADMIN, 2],
      ["accounts@mail.greenleaf.co.uk", "Accounts", USER, 20],
    ],
    subscriptions: [["active", "MAIL-PRO", 12, 12]],
  },
  {
    id: "construcciones-alvarez",
    name: "Construcciones Álvarez S.L.",
    source: "partner",
    country: "ES",
    age: 25,
    managedBy: "iberia-cloud",
    users: [
      ["carmen.alvarez@construccionesalvarez.es", "Carmen Álvarez", ADMIN, 1],
      ["alvarez.obras@hotmail.com", "Obras Álvarez", USER, 4],
    ],
    subscriptions: [["active", "MEETINGS-STD", 5, 12]],
  },
  {
    id: "van-der-berg",
    name: "Van der Berg Techniek B.V.",
    source: "online",
    country: "NL",
    age: 900,
    users: [["pieter.vandenberg@vanderbergtechniek.nl", "Pieter van den Berg", ADMIN, 400]],
    subscriptions: [["cancelled", "MEETINGS-STD", 4, 12]],
  },
  // no full_admin: an admin request for this organization goes to operators
  {
    id: "hudson-valley",
    name: "Hudson Valley Analytics Inc.",
    source: "import",
    country: "US",
    age: 2000,
    users: [
      ["j.carter@hudsonvalleyanalytics.com", "James Carter", USER, 3],
      ["m.nguyen@hudsonvalleyanalytics.com", "Mai Nguyen", USER, 8],
    ],
    subscriptions: [["active", "MEETINGS-STD", 30, 12]],
  },
  {
    id: "lakeside-dental",
    name: "Lakeside Dental Group LLC",
    source: "trial",
    country: "US",
    age: 3,
    users: [["dr.patel@lakesidedental.com", "Priya Patel", ADMIN, 2]],
  },
];

/** The demo directory as NDJSON import records (api.md § Directory), dated relative to `now`. */
export function demoDirectory(now: Date): Record<string, unknown>[] {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const orgId = (id: string) => `demo-org-${id}`;
  const records: Record<string, unknown>[] = [];
  // Partners first, so every managing partner comes before the customers it manages.
  const ordered = [...organizations.filter((o) => o.partner), ...organizations.filter((o) => !o.partner)];
  for (const o of ordered) {
    records.push({
      type: "organization",
      externalId: orgId(o.id),
      name: o.name,
      kind: o.partner ? "partner" : "customer",
      source: o.source,
      createdAt: daysAgo(o.age),
      country: o.country,
      ...(o.managedBy === undefined ? {} : { managingPartnerExternalId: orgId(o.managedBy) }),
      ...(o.deleted === undefined ? {} : { deletedAt: daysAgo(o.deleted) }),
    });
    for (const [email, name, role, lastActive] of o.users) {
      records.push({
        type: "user",
        organizationExternalId: orgId(o.id),
        email,
        name,
        role,
        ...(lastActive === undefined ? {} : { lastActiveAt: daysAgo(lastActive) }),
      });
    }
    (o.subscriptions ?? []).forEach(([status, sku, quantity, termMonths], i) => {
      records.push({
        type: "subscription",
        organizationExternalId: orgId(o.id),
        externalId: `demo-sub-${o.id}-${i + 1}`,
        status,
        services: [{ sku, quantity }],
        ...(termMonths === undefined ? {} : { termMonths }),
      });
    });
  }
  return records;
}
