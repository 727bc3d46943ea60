import { describe, expect, it } from "vitest";
import { createPublicProviderCheck } from "./public-providers.js";

describe("createPublicProviderCheck", () => {
  it("knows the common free mailbox providers", () => {
    const isPublic = createPublicProviderCheck();
    for (const domain of ["gmail.com", "outlook.com", "libero.it", "yahoo.com"]) {
      expect(isPublic(domain), domain).toBe(true);
    }
    expect(isPublic("acme.it")).toBe(false);
  });

  it("adds the configured domains, trimmed and in lower case", () => {
    const isPublic = createPublicProviderCheck([" Mail.Example-Provider.IT ", ""]);
    expect(isPublic("mail.example-provider.it")).toBe(true);
    expect(isPublic("")).toBe(false);
    expect(createPublicProviderCheck()("mail.example-provider.it")).toBe(false);
  });
});
