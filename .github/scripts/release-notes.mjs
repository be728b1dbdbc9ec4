#!/usr/bin/env node
// Before a release is built: the tag must name the app's one version (the Cargo workspace,
// src-tauri/tauri.conf.json and ui/package.json agree), and CHANGELOG.md must have a
// section for it. Prints that section: it becomes the release notes, which installed apps
// show in Settings → About before installing.
//
//   node .github/scripts/release-notes.mjs v0.2.0 > notes.md
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export function versions(root) {
  const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
  const workspace = cargo.split(/^\[workspace\.package\]\s*$/m)[1]?.split(/^\[/m)[0] ?? "";
  const read = (file) => JSON.parse(readFileSync(join(root, file), "utf8"));
  return {
    "Cargo.toml": workspace.match(/^version\s*=\s*"([^"]+)"/m)?.[1] ?? null,
    "src-tauri/tauri.conf.json": read("src-tauri/tauri.conf.json").version ?? null,
    "ui/package.json": read("ui/package.json").version ?? null,
  };
}

/** The body of `## [version]` (or `## version`) up to the next `## ` heading. */
export function changelogSection(text, version) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const escaped = version.replace(/\./g, "\\.");
  const head = new RegExp(`^##\\s+\\[?v?${escaped}\\]?(\\s|$)`);
  const start = lines.findIndex((l) => head.test(l));
  if (start < 0) return null;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^##\s/.test(l));
  const body = (end < 0 ? rest : rest.slice(0, end)).join("\n").trim();
  return body || null;
}

export function releaseNotes(root, tag) {
  const version = tag.replace(/^refs\/tags\//, "").replace(/^v/, "");
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
    throw new Error(`the tag ${tag} is not a version tag like v1.2.3`);
  }
  const found = versions(root);
  const wrong = Object.entries(found).filter(([, v]) => v !== version);
  if (wrong.length > 0) {
    throw new Error(
      `the tag says ${version}, but ${wrong.map(([f, v]) => `${f} says ${v}`).join(", ")}: bump all three (see RELEASING.md)`,
    );
  }
  const notes = changelogSection(readFileSync(join(root, "CHANGELOG.md"), "utf8"), version);
  if (!notes) throw new Error(`CHANGELOG.md has no section "## [${version}]" with notes`);
  return { version, notes };
}

function main() {
  const tag = process.argv[2];
  if (!tag) {
    console.error("usage: release-notes.mjs vX.Y.Z");
    process.exit(2);
  }
  try {
    const { notes } = releaseNotes(process.cwd(), tag);
    process.stdout.write(`${notes}\n`);
  } catch (e) {
    console.error(`::error::${e.message}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
