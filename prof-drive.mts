const base = "http://127.0.0.1:3399";
const h = { authorization: "Bearer tok-0123456789abcdefghij", "content-type": "application/json" };
const email = `p${Date.now()}@prof.example`;
const o = await fetch(`${base}/api/v1/orders`, { method: "POST", headers: h, body: JSON.stringify({ orderNumber: `P-${Date.now()}`, orderedBy: { type: "customer" }, provisioningContact: { email, name: "P P" }, locale: "en", subscriptions: [{ services: [{ sku: "MEETINGS-ENT", quantity: 1 }], termMonths: 12 }] }) });
let link = "";
for (let i = 0; i < 100 && !link; i++) {
  const box = await (await fetch(`${base}/api/v1/dev/mailbox?to=${encodeURIComponent(email)}`, { headers: h })).json() as any;
  link = box.messages[0]?.links.find((l: string) => l.includes("/setup/")) ?? "";
  await new Promise((r) => setTimeout(r, 50));
}
const token = link.split("/").pop();
const times: number[] = [];
for (let i = 0; i < 2000; i++) {
  const t = performance.now();
  const r = await fetch(`${base}/api/v1/setup/${token}/match`, { method: "POST", headers: h, body: JSON.stringify({ companyName: i % 2 ? "Tecno Logistics S.r.l." : "Alfa Impianti", adminEmail: `new${i}@gmail.com` }) });
  if (r.status !== 200) { console.log(r.status, await r.text()); break; }
  await r.arrayBuffer();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log("p50", times[1000], "p99", times[1980]);
