/**
 * The browser the web tests drive: Debian's `chromium` (with `fonts-noto-cjk`, so Korean renders
 * in screenshots), installed with apt when it is missing. playwright-core downloads no browser of
 * its own; it launches this one by path.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = "/usr/bin/chromium";
const PACKAGES = ["chromium", "fonts-noto-cjk"];
export const CHROMIUM_INSTALL_HINT = `install it as root: apt-get update && apt-get install -y ${PACKAGES.join(" ")}`;

export type ChromiumStatus = { ok: true; path: string } | { ok: false; reason: string };

function apt(args: string[]): string | null {
  const r = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (r.error) return r.error.message;
  if (r.status !== 0) return `apt-get ${args[0]} exited with ${r.status}: ${r.stderr.toString().trim().split("\n").pop() ?? ""}`;
  return null;
}

/**
 * Makes sure /usr/bin/chromium exists, installing it (as root, with apt) when it does not.
 * Never throws: where it cannot install, it says why and what to do, and the browser tests skip.
 */
export function ensureChromium(log: (m: string) => void = () => undefined): ChromiumStatus {
  if (existsSync(CHROMIUM_PATH)) return { ok: true, path: CHROMIUM_PATH };
  const cannot = (why: string): ChromiumStatus => {
    log(`browser tests need ${CHROMIUM_PATH}, which is missing and ${why}: ${CHROMIUM_INSTALL_HINT}`);
    return { ok: false, reason: why };
  };
  if (process.platform !== "linux") return cannot("this is not Linux");
  if (process.getuid?.() !== 0) return cannot("this is not root");
  if (spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status !== 0) return cannot("apt-get is not available");
  log(`installing ${PACKAGES.join(" and ")} with apt for the browser tests (once per machine, a few minutes)…`);
  const failed = apt(["update", "-q"]) ?? apt(["install", "-y", "-q", "--no-install-recommends", ...PACKAGES]);
  if (failed) return cannot(`apt could not install it (${failed})`);
  return existsSync(CHROMIUM_PATH) ? { ok: true, path: CHROMIUM_PATH } : cannot("apt installed no such file");
}
