// Tests of the release workflow's scripts: run by the test command (`node --test`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { bundlerEnv, envFileBlock, releaseConfig } from "./release-config.mjs";
import { changelogSection, releaseNotes, versions } from "./release-notes.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

test("updates come from this repository's latest release", () => {
  const { config } = releaseConfig({ GITHUB_REPOSITORY: "shop/haoping", TAURI_SIGNING_PRIVATE_KEY: "k" });
  assert.deepEqual(config.plugins.updater.endpoints, [
    "https://github.com/shop/haoping/releases/latest/download/latest.json",
  ]);
  assert.equal(config.bundle.createUpdaterArtifacts, undefined, "tauri.conf.json's setting stands");
});

test("without the updater key the release skips update files and says so", () => {
  const { config, updater, notes } = releaseConfig({ GITHUB_REPOSITORY: "shop/haoping", RUNNER_OS: "Linux" });
  assert.equal(updater, false);
  assert.equal(config.bundle.createUpdaterArtifacts, false);
  assert.match(notes.map((n) => n[1]).join("\n"), /No TAURI_SIGNING_PRIVATE_KEY/);
});

test("Windows signs inside the bundler with the imported certificate, or not at all", () => {
  const signed = releaseConfig({ RUNNER_OS: "Windows", WINDOWS_CERTIFICATE_THUMBPRINT: "AB12", TAURI_SIGNING_PRIVATE_KEY: "k" });
  assert.deepEqual(signed.config.bundle.windows, {
    certificateThumbprint: "AB12",
    timestampUrl: "http://timestamp.digicert.com",
  });
  const command = releaseConfig({ RUNNER_OS: "Windows", WINDOWS_SIGN_COMMAND: "trusted-signing-cli %1" });
  assert.deepEqual(command.config.bundle.windows, { signCommand: "trusted-signing-cli %1" });
  const unsigned = releaseConfig({ RUNNER_OS: "Windows", WINDOWS_CERTIFICATE_THUMBPRINT: " " });
  assert.equal(unsigned.config.bundle.windows, undefined);
  assert.match(unsigned.notes.map((n) => n[1]).join("\n"), /not Authenticode-signed/);
});

test("macOS without a certificate is ad-hoc signed; with one, notarization needs its secrets", () => {
  const adhoc = releaseConfig({ RUNNER_OS: "macOS" });
  assert.deepEqual(adhoc.config.bundle.macOS, { signingIdentity: "-" });
  const signed = releaseConfig({ RUNNER_OS: "macOS", APPLE_CERTIFICATE: "p12", APPLE_SIGNING_IDENTITY: "Developer ID Application: Shop (TEAM)" });
  assert.equal(signed.config.bundle.macOS, undefined, "the bundler takes the identity from the environment");
  assert.match(signed.notes.map((n) => n[1]).join("\n"), /not notarized/);
  const notarized = releaseConfig({
    RUNNER_OS: "macOS",
    APPLE_CERTIFICATE: "p12",
    APPLE_SIGNING_IDENTITY: "Developer ID Application: Shop (TEAM)",
    APPLE_ID: "a@b.c",
    APPLE_PASSWORD: "app-specific",
    APPLE_TEAM_ID: "TEAM",
  });
  assert.doesNotMatch(notarized.notes.map((n) => n[1]).join("\n"), /not notarized/);
});

test("only secrets that are set reach the bundler, multi-line values intact", () => {
  const tmp = mkdtempSync(join(tmpdir(), "release-env-"));
  const vars = bundlerEnv(
    {
      TAURI_SIGNING_PRIVATE_KEY: "line one\nline two",
      TAURI_SIGNING_PRIVATE_KEY_PASSWORD: "",
      APPLE_API_KEY: "KEYID",
      APPLE_API_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----",
      UNRELATED: "x",
    },
    tmp,
  );
  assert.deepEqual(Object.keys(vars).sort(), ["APPLE_API_KEY", "APPLE_API_KEY_PATH", "TAURI_SIGNING_PRIVATE_KEY"]);
  assert.equal(readFileSync(vars.APPLE_API_KEY_PATH, "utf8"), "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----");
  const block = envFileBlock({ TAURI_SIGNING_PRIVATE_KEY: "line one\nline two" });
  const [first, ...rest] = block.trimEnd().split("\n");
  const end = first.split("<<")[1];
  assert.equal(first, `TAURI_SIGNING_PRIVATE_KEY<<${end}`);
  assert.deepEqual(rest, ["line one", "line two", end]);
});

test("the release notes are the tag's changelog section", () => {
  const text = "# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-12-01\n\n### Added\n- About\n\n## [0.1.0] - 2026-11-01\n\n- First\n";
  assert.equal(changelogSection(text, "0.2.0"), "### Added\n- About");
  assert.equal(changelogSection(text, "0.1.0"), "- First");
  assert.equal(changelogSection(text, "0.3.0"), null);
  assert.equal(changelogSection(text, "0.1"), null, "no partial version match");
});

test("a tag that does not name the app's version is refused", () => {
  const dir = mkdtempSync(join(tmpdir(), "release-notes-"));
  mkdirSync(join(dir, "src-tauri"));
  mkdirSync(join(dir, "ui"));
  writeFileSync(join(dir, "Cargo.toml"), '[workspace]\nmembers = []\n\n[workspace.package]\nversion = "0.2.0"\nedition = "2021"\n');
  writeFileSync(join(dir, "src-tauri/tauri.conf.json"), JSON.stringify({ version: "0.2.0" }));
  writeFileSync(join(dir, "ui/package.json"), JSON.stringify({ version: "0.1.0" }));
  writeFileSync(join(dir, "CHANGELOG.md"), "## [0.2.0]\n\n- New\n");
  assert.throws(() => releaseNotes(dir, "v0.2.0"), /ui\/package\.json says 0\.1\.0/);
  writeFileSync(join(dir, "ui/package.json"), JSON.stringify({ version: "0.2.0" }));
  assert.deepEqual(releaseNotes(dir, "refs/tags/v0.2.0"), { version: "0.2.0", notes: "- New" });
  assert.throws(() => releaseNotes(dir, "v0.3.0"), /the tag says 0\.3\.0/);
  assert.throws(() => releaseNotes(dir, "nightly"), /not a version tag/);
});

test("this repository's version has its changelog section", () => {
  const found = versions(root);
  const version = found["Cargo.toml"];
  assert.ok(version);
  assert.deepEqual(releaseNotes(root, `v${version}`).version, version);
});
