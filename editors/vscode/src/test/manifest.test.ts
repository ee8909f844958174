// The manifest agrees with the code: the settings and commands the
// extension reads and registers are the ones package.json declares.

import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.join(__dirname, "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const source = fs.readFileSync(path.join(root, "src", "extension.ts"), "utf8");

test("settings declared", () => {
  const props = manifest.contributes.configuration.properties;
  for (const key of ["pyx.path", "pyx.trace.server", "pyx.rules"]) {
    assert.ok(key in props, `${key} is not declared`);
  }
  assert.deepEqual(props["pyx.trace.server"].enum, ["off", "messages", "verbose"]);
});

test("every registered command is declared, and the reverse", () => {
  const registered = [...source.matchAll(/registerCommand\("([^"]+)"/g)].map((m) => m[1]).sort();
  const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(registered, declared);
});

test("the client id matches the trace setting's prefix", () => {
  assert.match(source, /new LanguageClient\("pyx",/);
});

test("entry point and activation", () => {
  assert.equal(manifest.main, "./out/extension.js");
  assert.ok(manifest.activationEvents.includes("onLanguage:python"));
  assert.ok(fs.existsSync(path.join(root, "out", "extension.js")), "npm run build first");
});
