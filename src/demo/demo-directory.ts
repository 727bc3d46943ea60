/**
 * The demo directory: fictitious customers and partners (every domain invented) chosen so that the
 * wizard's matching (docs/matching.md) shows every outcome. Demo inputs, company name + admin e-mail:
 *
 * Customer orders (customer_self, partner_for_customer):
 * - existing_admin   "Acme S.p.A." + mario.rossi@acme.it
 * - existing_member  "Acme S.p.A." + giulia.bianchi@acme.it (admin request to Acme's full admins)
 * - existing_member  "Hudson Valley" + j.carter@hudsonvalleyanalytics.com (no full_admin: to operators)
 * - candidates B+C   "Acme" + nuovo.admin@acme.it
 *     B: Acme S.p.A. in_use, the old "Acme" trial possibly_abandoned, the "Acme srl" trial recent,
 *        ACME Italia Srl unclear, Acme Consulting in_use; C (same domain, other name): Fondazione Acme.
 *     Never listed: Acme Servizi Srl (deleted), ACME Corporation (no user on acme.it),
 *     Acme Digital Partner Srl (a partner).
 * - candidates B+C   "Acme Consulting" + nuovo.admin@acme.it (prefix "acmec": ACME Italia moves to C)
 * - candidates weak  "Pizzeria Da Mario" + nuovo.titolare@gmail.com (public provider: B only, publicDomain;
 *                    all four assessments; Pizzeria Al Duomo has only libero.it users, so it is not listed)
 * - candidates C     "Alpen Fracht GmbH" + neu@brennerlogistik.de (Brenner Logistik, BL Spedition Süd)
 * - candidates B+C   "Brenner Transport" + neu@brennerlogistik.de
 * - name key         "Muller GmbH" + neu@mueller-gmbh.de → B, but "Mueller GmbH" (prefix "muell") → C only;
 *                    "Strasse Bau" + neu@strassebau.de; "Odegaard Energi" + ny@odegaard-energi.no;
 *                    "Societe Lumiere" + nouveau@lumiere-eclairage.fr; "Ромашка" + new@romashka-trade.bg;
 *                    "Green Leaf Ltd" + new@greenleaf.co.uk (a user on mail.greenleaf.co.uk counts too);
 *                    "Bäckerei Schäfer" + neu@xn--bckerei-schfer-5hbk.at (its admin's IDN domain)
 * - verified V       "Nuova Divisione" + nuovo@orbita-aerospace.it → Orbita Aerospace first: it has proven
 *                    that it owns orbita-aerospace.it and claimed it (demoVerifiedDomains), so a new
 *                    organization for that administrator is refused (DOMAIN_CLAIMED)
 * - ADMIN_EMAIL_WRONG_KIND "Rossi Costruzioni" + luca.ferri@techpartners.it (the partner's own e-mail)
 * - no_match         "Zefiro Robotics Srl" + anna.conti@zefirorobotics.it;
 *                    "Gelateria Aurora" + gelateria.aurora@gmail.com
 *
 * Partner orders for the partner's own use (partner_own_use):
 * - existing_admin   "Nordic Cloud Partners AB" + erik.lindqvist@nordiccloud.se
 * - existing_member  "Nordic Cloud Partners AB" + karin.berg@nordiccloud.se
 * - candidates       "Nordic Cloud" + ny.kollega@nordiccloud.se (AB in_use, the old trial possibly_abandoned)
 * - candidates       "Acme Digital" + nuovo.admin@acme.it (kinds: only the partner organization)
 * - ADMIN_EMAIL_WRONG_KIND "Nordic Cloud" + mario.rossi@acme.it
 * - no_match         "Zefiro Partners" + anna.conti@zefirorobotics.it
 */

type Kind = "customer" | "partner";
type Source = "trial" | "online" | "partner" | "wizard" | "import";
type Role = "full_admin" | "user";
type Status = "active" | "suspended" | "expired" | "cancelled";

type OrganizationRow = {
  /** externalId is `demo-org-${id}`; age is days since creation */
  org: readonly [id: string, name: string, kind: Kind, source: Source, country: string, age: number];
  /** id of the managing partner */
  managedBy?: string;
  /** days since deletion */
  deleted?: number;
  /** [e-mail, name, role, days since last activity (absent: unknown)] */
  users: readonly (readonly [email: string, name: string, role: Role, lastActiveDaysAgo?: number])[];
  /** [status, SKU, quantity, term in months] */
  subscriptions?: readonly (readonly [status: Status, sku: string, quantity: number, termMonths?: number])[];
};

const ADMIN = "full_admin";
const USER = "user";

const organizations: readonly OrganizationRow[] = [
  // partner_own_use existing_admin / existing_member; ADMIN_EMAIL_WRONG_KIND as a customer's admin
  {
    org: ["techpartners", "TechPartners Italia Srl", "partner", "import", "IT", 3650],
    users: [
      ["luca.ferri@techpartners.it", "Luca Ferri", ADMIN, 0],
      ["sara.gallo@techpartners.it", "Sara Gallo", USER, 3],
      ["supporto@techpartners.it", "Supporto TechPartners", USER],
    ],
    subscriptions: [["active", "PARTNER-DEMO", 10, 12]],
  },
  // partner_own_use candidates: two near-duplicate partners on nordiccloud.se (in_use, possibly_abandoned)
  {
    org: ["nordic-cloud", "Nordic Cloud Partners AB", "partner", "import", "SE", 2900],
    users: [
      ["erik.lindqvist@nordiccloud.se", "Erik Lindqvist", ADMIN, 1],
      ["karin.berg@nordiccloud.se", "Karin Berg", USER, 6],
      ["johan.nilsson@nordiccloud.se", "Johan Nilsson", USER, 40],
    ],
    subscriptions: [["active", "MEETINGS-STD", 15, 12]],
  },
  {
    org: ["nordic-cloud-trial", "Nordic Cloud Partners", "partner", "trial", "SE", 1800],
    users: [["sales@nordiccloud.se", "Nordic Cloud Sales", ADMIN, 1790]],
    subscriptions: [["expired", "TRIAL-MEETINGS", 5, 1]],
  },
  // partners managing customers (managedCustomers on partner cards)
  {
    org: ["alpine-it", "Alpine IT Services AG", "partner", "online", "CH", 2200],
    users: [
      ["reto.meier@alpine-it.ch", "Reto Meier", ADMIN, 2],
      ["support@alpine-it.ch", "Alpine IT Support", USER, 0],
    ],
    subscriptions: [["active", "MEETINGS-STD", 8, 12]],
  },
  {
    org: ["hexagone-cloud", "Hexagone Cloud SAS", "partner", "import", "FR", 1400],
    users: [["claire.dubois@hexagone-cloud.fr", "Claire Dubois", ADMIN, 5]],
    subscriptions: [["active", "MAIL-PRO", 5, 12]],
  },
  {
    org: ["iberia-cloud", "Iberia Cloud Solutions S.L.", "partner", "wizard", "ES", 30],
    users: [["javier.moreno@iberiacloud.es", "Javier Moreno", ADMIN, 1]],
    subscriptions: [["active", "MEETINGS-STD", 3, 12]],
  },
  // kinds: an "Acme" partner with users on acme.it, listed only for partner_own_use
  {
    org: ["acme-digital", "Acme Digital Partner Srl", "partner", "import", "IT", 1300],
    users: [
      ["partner.desk@acme.it", "Acme Partner Desk", ADMIN, 20],
      ["f.moretti@acme.it", "Federica Moretti", USER, 25],
    ],
    subscriptions: [["active", "PARTNER-DEMO", 2, 12]],
  },

  // existing_admin (mario.rossi@…), existing_member (giulia.bianchi@…); for "Acme" a B candidate, in_use
  {
    org: ["acme", "Acme S.p.A.", "customer", "online", "IT", 2200],
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
    org: ["acme-italia", "ACME Italia Srl", "customer", "partner", "IT", 400],
    managedBy: "techpartners",
    users: [["f.romano@acme.it", "Francesco Romano", ADMIN, 30]],
    subscriptions: [["active", "MEETINGS-STD", 5, 12]],
  },
  {
    org: ["acme-consulting", "Acme Consulting", "customer", "wizard", "IT", 540],
    users: [
      ["s.marino@acme.it", "Simona Marino", ADMIN, 4],
      ["l.greco@acme.it", "Lorenzo Greco", USER, 9],
    ],
    subscriptions: [["active", "MEETINGS-STD", 10, 12]],
  },
  {
    org: ["acme-old-trial", "Acme", "customer", "trial", "IT", 2400],
    users: [["m.rossi@acme.it", "Mario Rossi", ADMIN, 2380]],
    subscriptions: [["expired", "TRIAL-MEETINGS", 5, 1]],
  },
  {
    org: ["acme-trial", "Acme srl", "customer", "trial", "IT", 12],
    users: [["davide.colombo@acme.it", "Davide Colombo", ADMIN, 11]],
    subscriptions: [["cancelled", "TRIAL-MEETINGS", 5, 1]],
  },
  // candidates (C): same domain acme.it, other name
  {
    org: ["fondazione-acme", "Fondazione Acme", "customer", "import", "IT", 1500],
    users: [
      ["chiara.ricci@acme.it", "Chiara Ricci", ADMIN, 15],
      ["eventi@fondazioneacme.org", "Eventi Fondazione", USER, 60],
    ],
    subscriptions: [["active", "MEETINGS-STD", 4, 12]],
  },
  // never matches: deleted (the only deleted organization)
  {
    org: ["acme-servizi", "Acme Servizi Srl", "customer", "import", "IT", 1000],
    deleted: 300,
    users: [["servizi@acme.it", "Acme Servizi", ADMIN, 320]],
    subscriptions: [["cancelled", "MAIL-BASIC", 10]],
  },
  // never a candidate for …@acme.it: the name matches but no user on acme.it
  {
    org: ["acme-corp-us", "ACME Corporation", "customer", "online", "US", 700],
    users: [["john.miller@acmecorp-us.com", "John Miller", ADMIN, 7]],
    subscriptions: [["active", "MEETINGS-STD", 20, 12]],
  },

  // public-provider candidates (weak evidence) for "Pizzeria Da Mario" + …@gmail.com: all four assessments
  {
    org: ["pizzeria-da-mario", "Pizzeria Da Mario", "customer", "online", "IT", 800],
    users: [
      ["pizzeriadamario.napoli@gmail.com", "Mario Esposito", ADMIN, 2],
      ["ciro.damario@gmail.com", "Ciro Esposito", USER, 5],
    ],
    subscriptions: [["active", "MEETINGS-STD", 2, 12]],
  },
  {
    org: ["pizzeria-da-mario-trial", "Pizzeria Da Mario", "customer", "trial", "IT", 1900],
    users: [["damario.pizzeria@gmail.com", "Mario Esposito", ADMIN, 1880]],
    subscriptions: [["expired", "TRIAL-MEETINGS", 2, 1]],
  },
  {
    org: ["pizzeria-bella-napoli", "Pizzeria Bella Napoli", "customer", "partner", "IT", 300],
    managedBy: "techpartners",
    users: [["bellanapoli.pizzeria@gmail.com", "Gennaro Russo", ADMIN, 20]],
    subscriptions: [["active", "MEETINGS-STD", 1, 12]],
  },
  {
    org: ["pizzeria-vesuvio", "Pizzeria Il Vesuvio", "customer", "trial", "IT", 20],
    users: [["vesuvio.pizzeria@gmail.com", "Salvatore Amato", ADMIN, 18]],
  },
  // not a candidate for …@gmail.com (its users are on libero.it); one for "Pizzeria" + …@libero.it
  {
    org: ["pizzeria-al-duomo", "Pizzeria Al Duomo", "customer", "wizard", "IT", 500],
    users: [["alduomo.pizzeria@libero.it", "Antonio Galli", ADMIN, 3]],
    subscriptions: [["active", "MEETINGS-STD", 1, 12]],
  },
  // small businesses on public providers (existing_admin / existing_member with a public address)
  {
    org: ["ferramenta-colombo", "Ferramenta Colombo", "customer", "online", "IT", 1200],
    users: [
      ["ferramenta.colombo@libero.it", "Giorgio Colombo", ADMIN, 1],
      ["g.colombo@yahoo.it", "Gianni Colombo", USER, 14],
    ],
    subscriptions: [["active", "MAIL-BASIC", 3, 12]],
  },
  {
    org: ["studio-ferri", "Studio Dentistico Ferri", "customer", "wizard", "IT", 150],
    users: [
      ["studioferri@hotmail.com", "Elena Ferri", ADMIN, 2],
      ["segreteria.studioferri@outlook.com", "Segreteria Studio Ferri", USER, 2],
    ],
    subscriptions: [["active", "MAIL-BASIC", 2, 12]],
  },
  {
    org: ["panificio-russo", "Panificio Russo", "customer", "trial", "IT", 3000],
    users: [["panificio.russo@yahoo.it", "Rosa Russo", ADMIN, 2990]],
    subscriptions: [["expired", "TRIAL-MEETINGS", 1, 1]],
  },
  {
    org: ["bb-la-terrazza", "B&B La Terrazza", "customer", "online", "IT", 60],
    users: [["bblaterrazza@outlook.com", "Laura Conti", ADMIN, 1]],
    subscriptions: [["active", "MAIL-BASIC", 1, 1]],
  },
  {
    org: ["agriturismo-le-querce", "Agriturismo Le Querce", "customer", "partner", "IT", 700],
    managedBy: "techpartners",
    users: [
      ["lequerce.agriturismo@gmail.com", "Franco Bruno", ADMIN, 8],
      ["info@agriturismolequerce.it", "Agriturismo Le Querce", USER, 8],
    ],
    subscriptions: [["active", "MEETINGS-STD", 2, 12]],
  },

  // Italian customers; "Rossi Costruzioni" + luca.ferri@techpartners.it gives ADMIN_EMAIL_WRONG_KIND
  {
    org: ["rossi-costruzioni", "Rossi Costruzioni S.r.l.", "customer", "import", "IT", 4000],
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
    org: ["studio-legale-bianchi", "Studio Legale Bianchi & Associati", "customer", "online", "IT", 1000],
    users: [
      ["avv.bianchi@studiolegalebianchi.it", "Roberto Bianchi", ADMIN, 3],
      ["segreteria@studiolegalebianchi.it", "Segreteria", USER, 1],
    ],
    subscriptions: [["active", "MAIL-PRO", 8, 12]],
  },
  {
    org: ["lanificio-valsesia", "Lanificio Valsesia S.p.A.", "customer", "import", "IT", 5000],
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
    org: ["cantina-colli-euganei", "Cantina Colli Euganei", "customer", "partner", "IT", 45],
    managedBy: "techpartners",
    users: [["enologo@cantinacollieuganei.it", "Matteo Pavan", ADMIN, 10]],
    subscriptions: [["active", "MAIL-BASIC", 4, 12]],
  },
  {
    org: ["officine-brambilla", "Officine Meccaniche Brambilla", "customer", "wizard", "IT", 10],
    users: [["marco.brambilla@officinebrambilla.it", "Marco Brambilla", ADMIN, 0]],
    subscriptions: [["active", "MEETINGS-STD", 6, 12]],
  },

  // brennerlogistik.de: "Brenner Transport" gives B + C, "Alpen Fracht GmbH" gives C only
  {
    org: ["brenner-logistik", "Brenner Logistik GmbH", "customer", "import", "DE", 2500],
    users: [
      ["thomas.huber@brennerlogistik.de", "Thomas Huber", ADMIN, 1],
      ["disposition@brennerlogistik.de", "Disposition", USER, 0],
      ["lager@brennerlogistik.de", "Lager", USER, 4],
    ],
    subscriptions: [["active", "MEETINGS-STD", 25, 12]],
  },
  {
    org: ["bl-spedition-sued", "BL Spedition Süd GmbH", "customer", "online", "DE", 600],
    users: [
      ["k.wagner@brennerlogistik.de", "Katrin Wagner", ADMIN, 3],
      ["info@bl-spedition-sued.de", "BL Spedition Info", USER, 10],
    ],
    subscriptions: [["active", "MAIL-BASIC", 6, 12]],
  },

  // the name key: ü → u, ß → ss, ø → o, é → e, legal forms and "The" dropped, Cyrillic kept, IDN domain
  {
    org: ["mueller", "Müller GmbH", "customer", "partner", "DE", 1600],
    managedBy: "alpine-it",
    users: [
      ["hans.mueller@mueller-gmbh.de", "Hans Müller", ADMIN, 2],
      ["buchhaltung@mueller-gmbh.de", "Buchhaltung", USER, 7],
    ],
    subscriptions: [["active", "MEETINGS-STD", 9, 12]],
  },
  {
    org: ["strasse-bau", "Straße Bau GmbH & Co. KG", "customer", "import", "DE", 3000],
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
    org: ["baeckerei-schaefer", "Bäckerei Schäfer", "customer", "partner", "AT", 100],
    managedBy: "alpine-it",
    users: [["anna.schaefer@bäckerei-schäfer.at", "Anna Schäfer", ADMIN, 6]],
    subscriptions: [["active", "MAIL-BASIC", 2, 12]],
  },
  {
    org: ["uhrenwerk-jura", "Uhrenwerk Jura SA", "customer", "import", "CH", 3500],
    managedBy: "alpine-it",
    users: [
      ["l.favre@uhrenwerk-jura.ch", "Luc Favre", ADMIN, 1],
      ["atelier@uhrenwerk-jura.ch", "Atelier", USER, 3],
    ],
    subscriptions: [["active", "MEETINGS-STD", 7, 36]],
  },
  {
    org: ["societe-lumiere", "Société Lumière SARL", "customer", "partner", "FR", 1100],
    managedBy: "hexagone-cloud",
    users: [
      ["sophie.martin@lumiere-eclairage.fr", "Sophie Martin", ADMIN, 2],
      ["comptabilite@lumiere-eclairage.fr", "Comptabilité", USER, 15],
    ],
    subscriptions: [["active", "MAIL-PRO", 6, 12]],
  },
  {
    org: ["odegaard-energi", "Ødegaard Energi AS", "customer", "partner", "NO", 700],
    managedBy: "nordic-cloud",
    users: [
      ["ingrid.odegaard@odegaard-energi.no", "Ingrid Ødegaard", ADMIN, 1],
      ["drift@odegaard-energi.no", "Drift", USER, 2],
    ],
    subscriptions: [["active", "MEETINGS-STD", 11, 12]],
  },
  {
    org: ["lumo-design", "Lumo Design Oy", "customer", "partner", "FI", 5],
    managedBy: "nordic-cloud",
    users: [["aino.virtanen@lumodesign.fi", "Aino Virtanen", ADMIN, 1]],
    subscriptions: [["suspended", "MEETINGS-STD", 3, 12]],
  },
  {
    org: ["romashka-trade", "Ромашка Трейд", "customer", "wizard", "BG", 250],
    users: [["ivan.petrov@romashka-trade.bg", "Иван Петров", ADMIN, 90]],
    subscriptions: [["suspended", "MAIL-PRO", 3, 12]],
  },
  {
    org: ["green-leaf", "The Green Leaf Company Ltd", "customer", "online", "GB", 1600],
    users: [
      ["olivia.hughes@greenleaf.co.uk", "Olivia Hughes", ADMIN, 2],
      ["accounts@mail.greenleaf.co.uk", "Accounts", USER, 20],
    ],
    subscriptions: [["active", "MAIL-PRO", 12, 12]],
  },
  {
    org: ["construcciones-alvarez", "Construcciones Álvarez S.L.", "customer", "partner", "ES", 25],
    managedBy: "iberia-cloud",
    users: [
      ["carmen.alvarez@construccionesalvarez.es", "Carmen Álvarez", ADMIN, 1],
      ["alvarez.obras@hotmail.com", "Obras Álvarez", USER, 4],
    ],
    subscriptions: [["active", "MEETINGS-STD", 5, 12]],
  },
  {
    org: ["van-der-berg", "Van der Berg Techniek B.V.", "customer", "online", "NL", 900],
    users: [["pieter.vandenberg@vanderbergtechniek.nl", "Pieter van den Berg", ADMIN, 400]],
    subscriptions: [["cancelled", "MEETINGS-STD", 4, 12]],
  },
  // no full_admin: an admin request for this organization goes to operators
  {
    org: ["hudson-valley", "Hudson Valley Analytics Inc.", "customer", "import", "US", 2000],
    users: [
      ["j.carter@hudsonvalleyanalytics.com", "James Carter", USER, 3],
      ["m.nguyen@hudsonvalleyanalytics.com", "Mai Nguyen", USER, 8],
    ],
    subscriptions: [["active", "MEETINGS-STD", 30, 12]],
  },
  {
    org: ["lakeside-dental", "Lakeside Dental Group LLC", "customer", "trial", "US", 3],
    users: [["dr.patel@lakesidedental.com", "Priya Patel", ADMIN, 2]],
  },
  // rule V and a claimed domain (demoVerifiedDomains)
  {
    org: ["orbita", "Orbita Aerospace S.r.l.", "customer", "import", "IT", 2400],
    users: [
      ["chiara.neri@orbita-aerospace.it", "Chiara Neri", ADMIN, 1],
      ["paolo.riva@orbita-aerospace.it", "Paolo Riva", USER, 2],
      ["laboratorio@orbita-aerospace.it", "Laboratorio Orbita", USER, 9],
    ],
    subscriptions: [["active", "MEETINGS-STD", 25, 12]],
  },
];

/**
 * Domains the demo's organizations have proven they own (docs/api.md § Domains), by externalId. The
 * demo records them as verified without a DNS lookup and never checks them again: the domains are
 * invented, and no resolver would find their records.
 */
export const demoVerifiedDomains: readonly {
  organizationExternalId: string;
  domain: string;
  claimed: boolean;
}[] = [{ organizationExternalId: "demo-org-orbita", domain: "orbita-aerospace.it", claimed: true }];

/** The demo directory as NDJSON import records (docs/api.md § Directory), dated relative to `now`. */
export function demoDirectory(now: Date): Record<string, unknown>[] {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const orgId = (id: string) => `demo-org-${id}`;
  const records: Record<string, unknown>[] = [];
  // Partners first, so every managing partner comes before the customers it manages.
  const ordered = [
    ...organizations.filter((o) => o.org[2] === "partner"),
    ...organizations.filter((o) => o.org[2] === "customer"),
  ];
  for (const { org, managedBy, deleted, users, subscriptions = [] } of ordered) {
    const [id, name, kind, source, country, age] = org;
    const organizationExternalId = orgId(id);
    records.push({
      type: "organization",
      externalId: organizationExternalId,
      name,
      kind,
      source,
      createdAt: daysAgo(age),
      country,
      ...(managedBy === undefined ? {} : { managingPartnerExternalId: orgId(managedBy) }),
      ...(deleted === undefined ? {} : { deletedAt: daysAgo(deleted) }),
    });
    for (const [email, userName, role, lastActive] of users) {
      records.push({
        type: "user",
        organizationExternalId,
        email,
        name: userName,
        role,
        ...(lastActive === undefined ? {} : { lastActiveAt: daysAgo(lastActive) }),
      });
    }
    subscriptions.forEach(([status, sku, quantity, termMonths], i) => {
      records.push({
        type: "subscription",
        organizationExternalId,
        externalId: `demo-sub-${id}-${i + 1}`,
        status,
        services: [{ sku, quantity }],
        ...(termMonths === undefined ? {} : { termMonths }),
      });
    });
  }
  return records;
}
