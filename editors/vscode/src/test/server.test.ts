// Tests of the extension's logic (VS Code itself is not needed): where
// pyls is looked for, how it is checked, what the status bar says.

import { test } from "node:test";
import * as assert from "node:assert/strict";
import { candidates, expand, findServer, initializationOptions, parseVersion, Probe, statusItem } from "../server";

function fakeProbe(files: Record<string, string | Error>): Probe & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    isFile: (p) => p in files,
    version: async (p) => {
      asked.push(p);
      return files[p];
    },
  };
}

const base = { extensionPath: "/ext", platform: "linux", pathEnv: "/usr/local/bin:/usr/bin", home: "/home/u" };

test("candidates: bundled binary, then PATH", () => {
  assert.deepEqual(
    candidates(base).map((c) => `${c.source} ${c.path}`),
    ["bundled /ext/bin/pyls", "PATH /usr/local/bin/pyls", "PATH /usr/bin/pyls"],
  );
});

test("candidates: Windows names and separators", () => {
  const c = candidates({ extensionPath: "C:\\ext", platform: "win32", pathEnv: "C:\\a;C:\\b" });
  assert.deepEqual(c.map((x) => x.path), ["C:\\ext\\bin\\pyls.exe", "C:\\a\\pyls.exe", "C:\\b\\pyls.exe"]);
});

test("the setting wins and is expanded", () => {
  assert.equal(expand("${workspaceFolder}/target/release/pyls", { ...base, workspaceFolder: "/ws" }), "/ws/target/release/pyls");
  assert.equal(expand("~/bin/pyls", base), "/home/u/bin/pyls");
  assert.deepEqual(candidates({ ...base, configured: " ~/pyls " }), [{ path: "/home/u/pyls", source: "setting" }]);
});

test("parseVersion accepts only pyls", () => {
  assert.equal(parseVersion("pyls 0.1.0\n"), "0.1.0");
  assert.equal(parseVersion("pyright 1.1\n"), undefined);
  assert.equal(parseVersion(""), undefined);
});

test("findServer: bundled before PATH, checked with --version", async () => {
  const probe = fakeProbe({ "/ext/bin/pyls": "pyls 0.1.0\n", "/usr/bin/pyls": "pyls 0.0.9\n" });
  const found = await findServer(base, probe);
  assert.deepEqual(found, { ok: true, path: "/ext/bin/pyls", version: "0.1.0", source: "bundled" });
  assert.deepEqual(probe.asked, ["/ext/bin/pyls"]);
});

test("findServer: a broken bundled binary falls back to PATH", async () => {
  const probe = fakeProbe({ "/ext/bin/pyls": new Error("exec format error"), "/usr/bin/pyls": "pyls 0.1.0" });
  const found = await findServer(base, probe);
  assert.equal(found.ok && found.path, "/usr/bin/pyls");
});

test("findServer: a wrong pyx.path is an error, not a silent fallback", async () => {
  const missing = await findServer({ ...base, configured: "/nope/pyls" }, fakeProbe({ "/usr/bin/pyls": "pyls 0.1.0" }));
  assert.equal(missing.ok, false);
  assert.match(!missing.ok ? missing.message : "", /does not exist/);
  const notPyls = await findServer({ ...base, configured: "/bin/true" }, fakeProbe({ "/bin/true": "" }));
  assert.match(!notPyls.ok ? notPyls.message : "", /is not pyls/);
});

test("findServer: nothing found says how to fix it", async () => {
  const found = await findServer(base, fakeProbe({}));
  assert.equal(found.ok, false);
  assert.match(!found.ok ? found.message : "", /pyx\.path/);
});

test("status item texts", () => {
  assert.equal(statusItem("running", "0.1.0").tooltip, "pyls 0.1.0 is running");
  assert.equal(statusItem("failed", undefined, "boom").tooltip, "boom");
  assert.match(statusItem("starting").text, /spin/);
});

test("initialization options keep only valid rule levels", () => {
  assert.deepEqual(initializationOptions({ "unused-import": "ignore", x: 3, y: "loud" }), { pyx: { rules: { "unused-import": "ignore" } } });
  assert.deepEqual(initializationOptions(undefined), { pyx: { rules: {} } });
});
