#!/usr/bin/env node
// The release build's settings on top of src-tauri/tauri.conf.json: where installed apps
// look for updates (this repository's latest release), and the signing that the
// repository's secrets set up. A secret that is not set is simply left out, so that kind
// of signing is skipped and the build says so, instead of failing.
//
//   node .github/scripts/release-config.mjs OUT.json
// writes OUT.json (passed to `tauri build --config`), hands the secrets that are set to
// the following steps (GITHUB_ENV) and says whether update files are made (GITHUB_OUTPUT).
import { appendFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Secrets the bundler reads from the environment itself (it signs inside the build). */
export const BUNDLER_SECRETS = [
  "TAURI_SIGNING_PRIVATE_KEY",
  "TAURI_SIGNING_PRIVATE_KEY_PASSWORD",
  "APPLE_CERTIFICATE",
  "APPLE_CERTIFICATE_PASSWORD",
  "APPLE_SIGNING_IDENTITY",
  "APPLE_ID",
  "APPLE_PASSWORD",
  "APPLE_TEAM_ID",
  "APPLE_API_KEY",
  "APPLE_API_ISSUER",
];

const set = (env, name) => typeof env[name] === "string" && env[name].trim() !== "";

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ config: object, updater: boolean, notes: [string, string][] }}
 */
export function releaseConfig(env) {
  const notes = [];
  const config = { bundle: {}, plugins: { updater: {} } };
  if (set(env, "GITHUB_REPOSITORY")) {
    config.plugins.updater.endpoints = [
      `https://github.com/${env.GITHUB_REPOSITORY}/releases/latest/download/latest.json`,
    ];
  } else {
    notes.push(["warning", "GITHUB_REPOSITORY is not set: the apps built here will not look for updates."]);
  }

  const updater = set(env, "TAURI_SIGNING_PRIVATE_KEY");
  if (!updater) {
    config.bundle.createUpdaterArtifacts = false;
    notes.push([
      "warning",
      "No TAURI_SIGNING_PRIVATE_KEY secret: this release has no signed update files and no latest.json, so installed apps will not be offered it.",
    ]);
  }

  if (env.RUNNER_OS === "Windows") {
    const windows = {};
    if (set(env, "WINDOWS_SIGN_COMMAND")) {
      windows.signCommand = env.WINDOWS_SIGN_COMMAND;
    } else if (set(env, "WINDOWS_CERTIFICATE_THUMBPRINT")) {
      windows.certificateThumbprint = env.WINDOWS_CERTIFICATE_THUMBPRINT;
      windows.timestampUrl = set(env, "WINDOWS_TIMESTAMP_URL") ? env.WINDOWS_TIMESTAMP_URL : "http://timestamp.digicert.com";
    } else {
      notes.push([
        "notice",
        "No WINDOWS_CERTIFICATE (or WINDOWS_SIGN_COMMAND) secret: the Windows app and installers are not Authenticode-signed; SmartScreen will warn on first start.",
      ]);
    }
    if (Object.keys(windows).length > 0) config.bundle.windows = windows;
  }

  if (env.RUNNER_OS === "macOS") {
    if (!set(env, "APPLE_CERTIFICATE") || !set(env, "APPLE_SIGNING_IDENTITY")) {
      // Ad-hoc signed: Apple silicon runs only signed code, and Gatekeeper still asks once.
      config.bundle.macOS = { signingIdentity: "-" };
      notes.push([
        "notice",
        "No APPLE_CERTIFICATE / APPLE_SIGNING_IDENTITY secrets: the macOS app is ad-hoc signed and not notarized; owners open it the first time with right-click → Open.",
      ]);
    } else {
      const appleId = ["APPLE_ID", "APPLE_PASSWORD", "APPLE_TEAM_ID"].every((n) => set(env, n));
      const apiKey = ["APPLE_API_KEY", "APPLE_API_ISSUER", "APPLE_API_PRIVATE_KEY"].every((n) => set(env, n));
      if (!appleId && !apiKey) {
        notes.push([
          "notice",
          "Signed with the Developer ID certificate but not notarized: set APPLE_ID, APPLE_PASSWORD and APPLE_TEAM_ID (or the APPLE_API_* secrets).",
        ]);
      }
    }
  }
  return { config, updater, notes };
}

/** `NAME<<delimiter` blocks for GITHUB_ENV: only the secrets that are set, multi-line safe. */
export function bundlerEnv(env, tmpDir) {
  const out = {};
  for (const name of BUNDLER_SECRETS) if (set(env, name)) out[name] = env[name];
  if (set(env, "APPLE_API_PRIVATE_KEY") && tmpDir) {
    const path = join(tmpDir, `AuthKey_${env.APPLE_API_KEY ?? "haoping"}.p8`);
    writeFileSync(path, env.APPLE_API_PRIVATE_KEY, { mode: 0o600 });
    out.APPLE_API_KEY_PATH = path;
  }
  return out;
}

export function envFileBlock(vars) {
  return Object.entries(vars)
    .map(([name, value]) => {
      const end = `EOF_${randomBytes(12).toString("hex")}`;
      return `${name}<<${end}\n${value}\n${end}\n`;
    })
    .join("");
}

function main() {
  const out = process.argv[2];
  if (!out) {
    console.error("usage: release-config.mjs OUT.json");
    process.exit(2);
  }
  const { config, updater, notes } = releaseConfig(process.env);
  writeFileSync(out, JSON.stringify(config, null, 2));
  for (const [level, text] of notes) console.log(`::${level}::${text}`);
  if (process.env.GITHUB_ENV) {
    appendFileSync(process.env.GITHUB_ENV, envFileBlock(bundlerEnv(process.env, process.env.RUNNER_TEMP)));
  }
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `updater=${updater}\n`);
  console.log(`release settings written to ${out}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
