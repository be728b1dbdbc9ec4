// A small W3C WebDriver client over fetch: enough to drive the real app window through
// tauri-driver without pulling in a browser-automation framework.
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application, timeoutMs = 120000) {
    const deadline = Date.now() + timeoutMs;
    let lastError;
    while (Date.now() < deadline) {
      try {
        // One attempt may hang when the native driver behind tauri-driver is not up yet.
        const res = await request(
          base,
          "POST",
          "/session",
          { capabilities: { alwaysMatch: { "tauri:options": { application } } } },
          45000,
        );
        return new Session(base, res.sessionId);
      } catch (e) {
        lastError = e;
        await sleep(500);
      }
    }
    throw new Error(`could not start a session: ${lastError}`);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async end() {
    await this.cmd("DELETE", "");
  }

  async find(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    // WebKitWebDriver may report a stale element when the page replaces a match mid-query.
    const v = await retry(() => this.cmd("POST", "/elements", { using: "css selector", value: css }));
    return v.map((e) => e[ELEMENT]);
  }

  /** Waits until `css` matches an element (and, if given, its text satisfies `textTest`). */
  async waitFor(css, { timeout = 15000, text } = {}) {
    const deadline = Date.now() + timeout;
    let last = "";
    while (Date.now() < deadline) {
      try {
        const el = await this.find(css);
        if (!text) return el;
        last = await this.text(el);
        if (typeof text === "string" ? last.includes(text) : text.test(last)) return el;
      } catch {
        // not there yet
      }
      await sleep(150);
    }
    throw new Error(`timed out waiting for ${css}${text ? ` with text ${text} (last: ${JSON.stringify(last)})` : ""}`);
  }

  /** Polls `fn` until it returns something truthy. A failing poll (the page changing under
   * the query) counts as "not yet"; its error is reported only if the wait times out. */
  async waitUntil(fn, what, timeout = 15000) {
    const deadline = Date.now() + timeout;
    let failure;
    while (Date.now() < deadline) {
      try {
        const last = await fn();
        if (last) return last;
        failure = undefined;
      } catch (e) {
        failure = e;
      }
      await sleep(150);
    }
    throw new Error(`timed out waiting for ${what}${failure ? ` (last error: ${failure.message})` : ""}`);
  }

  /** Clicks what `css` matches; while a dialog or a toast is still fading out over it (or
   * the page is replacing it), the click is tried again for up to 5 s. */
  async click(css) {
    // A button that is busy (a backup running in the background, a save in flight) ignores
    // clicks: give it up to 10 s to be ready, then click anyway.
    const ready = Date.now() + 10000;
    while (Date.now() < ready) {
      const usable = await this.exec(
        `const e = document.querySelector(arguments[0]);
         return !!e && !e.disabled && !e.classList.contains("n-button--disabled") && !e.classList.contains("n-button--loading");`,
        css,
      ).catch(() => false);
      if (usable) break;
      await sleep(200);
    }
    await this.settled(3000).catch(() => {});
    const deadline = Date.now() + 5000;
    for (;;) {
      const el = await this.waitFor(css);
      try {
        await this.cmd("POST", `/element/${el}/click`, {});
        return;
      } catch (e) {
        if (Date.now() > deadline || !/intercepted|stale|not interactable/i.test(String(e))) throw e;
        await sleep(250);
      }
    }
  }

  async type(css, text) {
    const el = await this.waitFor(css);
    await this.cmd("POST", `/element/${el}/value`, { text });
  }

  /** Empties an input the way typing would, so the page's input handlers see it. */
  async clear(css) {
    await this.waitFor(css);
    await this.exec(
      `const el = document.querySelector(arguments[0]);
       el.value = "";
       el.dispatchEvent(new Event("input", { bubbles: true }));`,
      css,
    );
  }

  async text(el) {
    return this.cmd("GET", `/element/${el}/text`);
  }

  /** Waits for a dialog to be open and to have taken the focus (it takes it once its
   * opening transition ends; typing before that would be cut off). */
  async waitForDialog(css) {
    await this.waitFor(css);
    await this.waitUntil(
      () => this.exec("return !!document.activeElement?.closest(arguments[0]);", css),
      `${css} to take the focus`,
    );
    await this.settled();
  }

  /** Waits for dialogs and popovers to finish opening or closing: while one scales in, a
   * click aimed at its button lands where the button is not yet, and is lost without an
   * error. */
  async settled(timeout = 10000) {
    const moving = () =>
      this.exec(`return !!document.querySelector("[class*='-transition-enter-active'], [class*='-transition-leave-active']");`).catch(() => false);
    if (!(await moving())) return;
    await this.waitUntil(async () => !(await moving()), "dialogs to finish opening", timeout);
    await sleep(100);
  }

  /** Opens a tab of the case pane, from the "more" menu when the pane is too narrow to
   * show it among the others. Retried while the pane is still rendering. */
  async openCaseTab(name) {
    const tab = `[data-testid=case-tabs] .n-tabs-tab[data-name=${name}]`;
    await this.waitFor("[data-testid=case-tabs]");
    await this.waitUntil(async () => {
      try {
        if ((await this.count(tab)) > 0) {
          await this.exec(`document.querySelector(arguments[0]).scrollIntoView({ block: "nearest" });`, tab);
          await this.cmd("POST", `/element/${await this.find(tab)}/click`, {});
        } else {
          await this.cmd("POST", `/element/${await this.find("[data-testid=case-tabs-more]")}/click`, {});
          await sleep(300);
          await this.cmd("POST", `/element/${await this.find(`[data-tab=${name}]`)}/click`, {});
        }
        return true;
      } catch (e) {
        if (/not interactable|stale|intercepted|no such element|not found/i.test(String(e))) return false;
        throw e;
      }
    }, `the ${name} tab to open`);
    await sleep(300);
  }

  /** Everything the element holds as text, shown or clamped (a cell cut to two lines with
   * `line-clamp` is left out of WebKit's visible text). */
  async contentOf(css) {
    await this.waitFor(css);
    return this.exec(`return document.querySelector(arguments[0])?.textContent ?? "";`, css);
  }

  /** The element's visible text; an element that is there but still empty (its content
   * rendering) is given up to 3 s to fill. */
  async textOf(css) {
    let text = await this.text(await this.waitFor(css));
    const deadline = Date.now() + 3000;
    while (!text.trim() && Date.now() < deadline) {
      await sleep(150);
      text = await this.find(css)
        .then((el) => this.text(el))
        .catch(() => "");
    }
    return text;
  }

  async exec(script, ...args) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** Runs `script` in the page; it finishes by calling its last argument (the callback). */
  async execAsync(script, ...args) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  async count(css) {
    return (await this.findAll(css)).length;
  }

  async screenshot(path) {
    // A screenshot taken while the window repaints can fail once; the next one works.
    const b64 = await retry(() => this.cmd("GET", "/screenshot"));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.from(b64, "base64"));
    return path;
  }
}

/** Runs a driver command again after a transient failure (at most three tries). */
async function retry(command) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await command();
    } catch (e) {
      if (attempt >= 3) throw e;
      await sleep(300);
    }
  }
}

async function request(base, method, path, body, timeoutMs = 120000) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || (json.value && json.value.error)) {
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  }
  return json.value;
}
