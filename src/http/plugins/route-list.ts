import type { FastifyInstance } from "fastify";

export type RegisteredRoute = { method: string; url: string };

declare module "fastify" {
  interface FastifyInstance {
    /** Every route as registered: the hostile-input and console tests walk all of them. */
    registeredRoutes: readonly RegisteredRoute[];
  }
}

/** Records every route registered after it, on `app.registeredRoutes`. */
export function routeList(app: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  app.decorate("registeredRoutes", routes);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
}
