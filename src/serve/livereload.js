// briefgen serve: after a rebuild, updates the open page in place — fetches its new HTML and
// patches the document, so the scroll position, focus, open <details> and the page's running
// scripts stay as they are — and reloads it only when patching cannot work (its scripts
// changed), which the browser brings back to where it was. Swaps stylesheets in place, shows build errors over
// the page, and with `serve --follow` goes to the briefing just saved. Injected only into pages
// served by `briefgen serve`.
(() => {
  const SELF = "/__briefgen/livereload.js";
  const url = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/__briefgen/livereload`;
  let connectedBefore = false;
  let overlay = null;
  let updates = Promise.resolve();

  function showErrors(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "briefgen-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
        "background:rgba(24,24,27,.94);color:#fafafa;font:14px/1.5 ui-monospace,monospace";
      const title = document.createElement("h2");
      title.textContent = "briefgen: the last save has errors (the previous version is shown below)";
      title.style.cssText = "margin:0 0 1rem;color:#fca5a5;font:600 16px system-ui,sans-serif";
      const pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      overlay.append(title, pre);
      document.documentElement.append(overlay);
    }
    overlay.querySelector("pre").textContent = text;
  }

  function clearErrors() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  // A stylesheet's address without the marker a swap adds to it.
  function stylesheetHref(link) {
    const href = new URL(link.getAttribute("href") || "", location.href);
    href.searchParams.delete("briefgen");
    return href.toString();
  }

  function swapStylesheets(paths) {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const href = new URL(link.href, location.href);
      if (paths.some((p) => href.pathname.endsWith("/" + p))) {
        href.searchParams.set("briefgen", Date.now().toString());
        link.href = href.toString();
      }
    }
  }

  // The output file this page is (`briefings/x/index.html`).
  function ownPath() {
    let path = decodeURIComponent(location.pathname).replace(/^\//, "");
    if (path === "" || path.endsWith("/")) path += "index.html";
    return path;
  }

  // Whether a <script> runs (JSON-LD and other data do not: they are patched like text).
  function runs(script) {
    const type = script.getAttribute("type");
    return !type || /^(module|(text|application)\/(java|ecma)script)$/i.test(type.trim());
  }

  // What the page runs: every script's address or text, this one left out. Patching keeps the
  // scripts that run; when they differ, only a reload runs the new ones.
  function scriptsOf(doc) {
    return [...doc.querySelectorAll("script")]
      .filter((s) => runs(s) && s.getAttribute("src") !== SELF)
      .map((s) => `${s.type}|${s.getAttribute("src") ?? ""}|${s.src ? "" : s.textContent}`)
      .join("\n");
  }

  // Whether `next` can be patched into `node` (else it replaces it).
  function samePlace(node, next) {
    if (node.nodeType !== next.nodeType) return false;
    if (node.nodeType !== Node.ELEMENT_NODE) return true;
    return node.tagName === next.tagName && node.id === next.id;
  }

  function patchAttributes(element, next) {
    for (const { name, value } of [...next.attributes]) {
      if (element.getAttribute(name) === value) continue;
      // A stylesheet swapped in place keeps its fresh address.
      if (name === "href" && element.matches('link[rel="stylesheet"]') && stylesheetHref(element) === stylesheetHref(next)) continue;
      // A <details> stays as the reader left it.
      if (name === "open" && element.tagName === "DETAILS") continue;
      element.setAttribute(name, value);
    }
    for (const { name } of [...element.attributes]) {
      if (next.hasAttribute(name)) continue;
      if (name === "open" && element.tagName === "DETAILS") continue;
      element.removeAttribute(name);
    }
  }

  // Makes `node`'s children those of `next`, keeping every node that stays in its place.
  function patchChildren(node, next) {
    let current = node.firstChild;
    let wanted = next.firstChild;
    while (wanted) {
      const following = wanted.nextSibling;
      if (current && !samePlace(current, wanted) && current.nextSibling && samePlace(current.nextSibling, wanted)) {
        // A node taken out.
        const gone = current;
        current = current.nextSibling;
        gone.remove();
      }
      if (current && samePlace(current, wanted)) {
        patchNode(current, wanted);
        current = current.nextSibling;
      } else {
        node.insertBefore(document.importNode(wanted, true), current);
      }
      wanted = following;
    }
    while (current) {
      const following = current.nextSibling;
      current.remove();
      current = following;
    }
  }

  function patchNode(node, next) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      // The overlay and this script are the server's, not the page's.
      if (node.id === "briefgen-errors" || (node.tagName === "SCRIPT" && runs(node))) return;
      patchAttributes(node, next);
      patchChildren(node, next);
    } else if (node.nodeValue !== next.nodeValue) {
      node.nodeValue = next.nodeValue;
    }
  }

  // Fetches this page as the server has it now and patches the document with it.
  async function update() {
    const response = await fetch(location.href, { cache: "no-store" });
    const next = new DOMParser().parseFromString(await response.text(), "text/html");
    // (The browser brings a reloaded page back to its scroll position itself.)
    if (!response.ok || scriptsOf(next) !== scriptsOf(document)) return location.reload();
    patchAttributes(document.documentElement, next.documentElement);
    patchNode(document.head, next.head);
    patchNode(document.body, next.body);
  }

  function schedule(task) {
    updates = updates.then(task).catch(() => location.reload());
  }

  function connect() {
    const socket = new WebSocket(url);
    socket.onopen = () => {
      // Connected again after the server went away: it may have restarted with a new site.
      if (connectedBefore) location.reload();
      connectedBefore = true;
      // For tests and tools: the page now hears of every rebuild.
      window.briefgenLive = true;
    };
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === "reload") {
        // Update when this page changed (or when the server does not say which did).
        if (!message.paths || message.paths.includes(ownPath())) schedule(update);
      }
      else if (message.type === "follow") {
        // Another page was saved: go to it (this page, already shown, was updated above).
        if (message.path + "index.html" !== ownPath()) schedule(() => location.assign("/" + message.path));
      }
      else if (message.type === "css") swapStylesheets(message.paths);
      else if (message.type === "errors") showErrors(message.text);
      else if (message.type === "ok") clearErrors();
    };
    socket.onclose = () => {
      window.briefgenLive = false;
      setTimeout(connect, 250);
    };
  }

  connect();
})();
