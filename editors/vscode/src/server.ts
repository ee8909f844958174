// Finding and checking the `pyls` executable. Pure logic over an injected
// file system and process runner, so that it is tested with `node --test`
// without VS Code.

import * as path from "path";

export interface Probe {
  /** Whether a file exists and may be executed. */
  isFile(p: string): boolean;
  /** Run `p --version`; its standard output, or an Error. */
  version(p: string): Promise<string | Error>;
}

export interface Options {
  /** The `pyx.path` setting (may be empty). */
  configured?: string;
  /** The extension's own directory (a bundled binary lives in `bin/`). */
  extensionPath: string;
  /** `process.platform`. */
  platform: string;
  /** The `PATH` environment variable. */
  pathEnv?: string;
  /** The first workspace folder, for `${workspaceFolder}`. */
  workspaceFolder?: string;
  /** The home directory, for `~`. */
  home?: string;
}

export type Found =
  | { ok: true; path: string; version: string; source: "setting" | "bundled" | "PATH" }
  | { ok: false; message: string };

export function executableName(platform: string): string {
  return platform === "win32" ? "pyls.exe" : "pyls";
}

/** `${workspaceFolder}` and a leading `~` expanded. */
export function expand(p: string, opts: Options): string {
  let out = p.trim();
  if (opts.workspaceFolder !== undefined) {
    out = out.split("${workspaceFolder}").join(opts.workspaceFolder);
  }
  if (opts.home !== undefined && (out === "~" || out.startsWith("~/") || out.startsWith("~\\"))) {
    out = opts.home + out.slice(1);
  }
  return out;
}

/** Where to look, in order, and what each place is called. */
export function candidates(opts: Options): Array<{ path: string; source: "setting" | "bundled" | "PATH" }> {
  const exe = executableName(opts.platform);
  const pathApi = opts.platform === "win32" ? path.win32 : path.posix;
  if (opts.configured && opts.configured.trim() !== "") {
    return [{ path: expand(opts.configured, opts), source: "setting" }];
  }
  const out: Array<{ path: string; source: "setting" | "bundled" | "PATH" }> = [
    { path: pathApi.join(opts.extensionPath, "bin", exe), source: "bundled" },
  ];
  const sep = opts.platform === "win32" ? ";" : ":";
  for (const dir of (opts.pathEnv ?? "").split(sep)) {
    if (dir.trim() !== "") {
      out.push({ path: pathApi.join(dir, exe), source: "PATH" });
    }
  }
  return out;
}

/** Whether `--version` output is pyls's (`pyls X.Y.Z`); the version. */
export function parseVersion(output: string): string | undefined {
  const m = /^pyls (\S+)/.exec(output.trim());
  return m ? m[1] : undefined;
}

/** The first candidate that exists and answers `--version` as pyls. */
export async function findServer(opts: Options, probe: Probe): Promise<Found> {
  const tried: string[] = [];
  for (const c of candidates(opts)) {
    if (!probe.isFile(c.path)) {
      if (c.source === "setting") {
        return { ok: false, message: `pyx.path is set to "${c.path}", which does not exist.` };
      }
      continue;
    }
    const out = await probe.version(c.path);
    const version = out instanceof Error ? undefined : parseVersion(out);
    if (version === undefined) {
      const why = out instanceof Error ? out.message : `it printed "${out.trim().slice(0, 80)}"`;
      if (c.source === "setting") {
        return { ok: false, message: `pyx.path "${c.path}" is not pyls: \`--version\` failed (${why}).` };
      }
      tried.push(`${c.path} (${why})`);
      continue;
    }
    return { ok: true, path: c.path, version, source: c.source };
  }
  const detail = tried.length > 0 ? ` Tried: ${tried.join("; ")}.` : "";
  return {
    ok: false,
    message: `Cannot find the pyx language server (pyls): set pyx.path, or put pyls on PATH (cargo build --release -p pyx-cli).${detail}`,
  };
}

export type ServerState = "starting" | "running" | "stopped" | "failed";

/** The status bar item's text and tooltip for a state. */
export function statusItem(state: ServerState, version?: string, message?: string): { text: string; tooltip: string } {
  switch (state) {
    case "starting":
      return { text: "$(sync~spin) pyx", tooltip: "pyls is starting" };
    case "running":
      return { text: "$(check) pyx", tooltip: `pyls ${version ?? ""} is running`.replace("  ", " ") };
    case "stopped":
      return { text: "$(circle-slash) pyx", tooltip: "pyls has stopped" };
    case "failed":
      return { text: "$(error) pyx", tooltip: message ?? "pyls failed to start" };
  }
}

/** The initialization options sent to pyls from the settings. */
export function initializationOptions(rules: unknown): { pyx: { rules: Record<string, string> } } {
  const out: Record<string, string> = {};
  if (rules && typeof rules === "object") {
    for (const [k, v] of Object.entries(rules as Record<string, unknown>)) {
      if (typeof v === "string" && ["error", "warning", "ignore"].includes(v)) {
        out[k] = v;
      }
    }
  }
  return { pyx: { rules: out } };
}
