// GitHub signatures through @octokit/webhooks-methods (sign, verify).
//
//   node octokit.mjs sign --secret S BODY_FILE
//       prints {"X-Hub-Signature-256": ...} as octokit signs it
//   node octokit.mjs verify --secret S --header 'X-Hub-Signature-256: ...' BODY_FILE
//       exits 0 when octokit's verify accepts the delivery, 1 when it rejects it
//
// Exits 2 when the package is not installed.

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

let methods;
try {
  methods = await import("@octokit/webhooks-methods");
} catch (e) {
  console.error(
    `the npm package @octokit/webhooks-methods is not installed (${e.message}); ` +
      "install it with: npm ci --prefix tests/interop",
  );
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    secret: { type: "string" },
    header: { type: "string", multiple: true, default: [] },
  },
});
const [command, bodyFile] = positionals;
const body = readFileSync(bodyFile, "utf8");

if (command === "sign") {
  const signature = await methods.sign(values.secret, body);
  console.log(JSON.stringify({ "X-Hub-Signature-256": signature }));
} else if (command === "verify") {
  const header = values.header
    .map((raw) => raw.split(/:(.*)/s).map((s) => s.trim()))
    .find(([name]) => name.toLowerCase() === "x-hub-signature-256");
  const ok = header ? await methods.verify(values.secret, body, header[1]) : false;
  if (!ok) {
    console.error("rejected: signature does not match");
    process.exit(1);
  }
} else {
  console.error(`unknown command ${command}: use sign or verify`);
  process.exit(2);
}
