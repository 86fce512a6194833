// briefgen serve: after a rebuild, updates the open page in place — fetches its new HTML and
// patches the document, so the scroll position, focus, open <details> and the page's running
// scripts stay as they are — and reloads it whenever anything that runs or acts changed, so
// that a patched page always behaves as the same page freshly loaded (which the browser brings
// back to where it was). Swaps stylesheets in place, shows build errors over
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

  // What a fresh load would run or act on must be what the patched page runs: so the new HTML
  // is parsed as a load parses it (scripting on, so <noscript> holds text, not elements) where
  // nothing in it can run or act (see parse), and the patch only ever moves inert content.
  // Anything that could run or act, changed, added, removed or moved, means a reload, which
  // is a fresh load.
  const HTML = "http://www.w3.org/1999/xhtml";
  const RELOAD = new Error("briefgen: reload");
  const POLICY = "data-briefgen-policy";
  const SCRATCH = "data-briefgen-scratch";

  // Elements that do nothing of their own, whatever they hold: patched like text. Any other
  // (script, noscript, iframe, object, embed, svg, math, template, base, video, custom and
  // unknown elements) is compared whole and never patched into.
  const INERT = new Set(
    ("html head body title meta link style a abbr address article aside b bdi bdo blockquote br " +
     "button caption cite code col colgroup data datalist dd del details dfn div dl dt em " +
     "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr i img input " +
     "ins kbd label legend li main mark menu meter nav ol optgroup option output p picture pre " +
     "progress q rp rt ruby s samp search section select small source span strong sub summary " +
     "sup table tbody td textarea tfoot th thead time tr track u ul var wbr").split(" "));

  // The JavaScript MIME type essences of the HTML standard, which a <script type> must match
  // exactly (ASCII case aside) to run.
  const SCRIPT_TYPES = new Set(
    ("application/ecmascript application/javascript application/x-ecmascript " +
     "application/x-javascript text/ecmascript text/javascript text/javascript1.0 " +
     "text/javascript1.1 text/javascript1.2 text/javascript1.3 text/javascript1.4 " +
     "text/javascript1.5 text/jscript text/livescript text/x-ecmascript text/x-javascript " +
     "module importmap speculationrules").split(" "));

  // Whether an HTML <script> is processed, by the standard's rules (JSON-LD and other data
  // blocks are not: they are patched like text).
  function runs(script) {
    const type = script.getAttribute("type");
    const language = script.getAttribute("language");
    if (type === "" || (type === null && !language)) return true;
    const essence = type === null ? "text/" + language : type.trim();
    return SCRIPT_TYPES.has(essence.toLowerCase());
  }

  // Whether an element is compared whole: it runs, loads a document, or acts by being there.
  function whole(element) {
    const html = element.namespaceURI === HTML;
    const name = element.localName;
    if (html && name === "script") return runs(element);
    if (html && name === "meta") return element.hasAttribute("http-equiv");
    return !html || !INERT.has(name);
  }

  // The attributes of an element that run or act: event handlers, autofocus.
  function activeAttributes(element) {
    return [...element.attributes]
      .filter(({ name }) => /^on/i.test(name) || name.toLowerCase() === "autofocus")
      .map(({ name, value }) => `${name}=${value}`)
      .join(" ");
  }

  // Whether a node is this script's, or the server's: never compared or patched.
  function ours(node) {
    return node.id === "briefgen-errors" || node.hasAttribute(POLICY) || node.hasAttribute(SCRATCH) ||
      (node.localName === "script" && node.getAttribute("src") === SELF);
  }

  // Everything in a document that could run or act, in order: what a patch must leave as it is.
  function activeParts(doc) {
    const parts = [activeAttributes(doc.documentElement)];
    const walk = (parent) => {
      for (const element of parent.children) {
        if (ours(element)) continue;
        if (whole(element)) {
          parts.push(element.outerHTML);
        } else {
          const attributes = activeAttributes(element);
          if (attributes) parts.push(`<${element.localName} ${attributes}>`);
          walk(element);
        }
      }
    };
    walk(doc.documentElement);
    return parts.join("\n");
  }

  // Whether a node, or anything in it, could run or act.
  function holdsActive(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) return false;
    return [node, ...node.querySelectorAll("*")].some((e) => whole(e) || activeAttributes(e) !== "");
  }

  // Parses a page as a load would; the document, and what to call once it is read. Where the
  // page holds no <noscript> and no declarative shadow root, a parse without scripting (a
  // DOMParser's, where nothing runs, loads or acts) gives the tree a load gives, and is the
  // fast way; otherwise the page is parsed with scripting on, in a hidden frame where nothing
  // in it can run, load or act.
  async function parse(html) {
    if (!/<noscript|shadowroot/i.test(html)) {
      return { next: new DOMParser().parseFromString(html, "text/html"), done: () => {} };
    }
    const policy = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'" ${POLICY}>`;
    // Right after the doctype, so that the page keeps its mode (standards or quirks).
    const doctype = /^(?:\s|<!--[\s\S]*?-->)*<!doctype[^>]*>/i.exec(html);
    const at = doctype ? doctype[0].length : 0;
    const frame = document.createElement("iframe");
    frame.setAttribute(SCRATCH, "");
    // Scripts "allowed" so that the page is parsed with scripting on, as a load parses it; the
    // policy above lets none run. The sandbox keeps meta refresh, autoplay, plugins, forms,
    // popups and navigation of other pages off.
    frame.setAttribute("sandbox", "allow-same-origin allow-scripts");
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    frame.style.cssText = "display:none";
    await new Promise((resolve) => {
      frame.addEventListener("load", resolve, { once: true });
      frame.srcdoc = html.slice(0, at) + policy + html.slice(at);
      document.documentElement.append(frame);
    });
    return { next: frame.contentDocument, done: () => frame.remove() };
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
      if (wanted.nodeType === Node.ELEMENT_NODE && ours(wanted)) {
        wanted = following;
        continue;
      }
      if (current && current.nodeType === Node.ELEMENT_NODE && ours(current)) {
        current = current.nextSibling;
        continue;
      }
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
        // Only inert content is ever added: a new node that could run is a fresh load's to run.
        if (holdsActive(wanted)) throw RELOAD;
        node.insertBefore(document.importNode(wanted, true), current);
      }
      wanted = following;
    }
    while (current) {
      const following = current.nextSibling;
      if (!(current.nodeType === Node.ELEMENT_NODE && ours(current))) current.remove();
      current = following;
    }
  }

  function patchNode(node, next) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (ours(node)) return;
      // What runs or acts stays exactly as it was loaded, or the page is loaded afresh.
      if (whole(node) || whole(next)) {
        if (node.outerHTML !== next.outerHTML) throw RELOAD;
        return;
      }
      if (activeAttributes(node) !== activeAttributes(next)) throw RELOAD;
      patchAttributes(node, next);
      patchChildren(node, next);
    } else if (node.nodeValue !== next.nodeValue) {
      node.nodeValue = next.nodeValue;
    }
  }

  // Fetches this page as the server has it now and patches the document with it.
  async function update() {
    const response = await fetch(location.href, { cache: "no-store" });
    // (The browser brings a reloaded page back to its scroll position itself.)
    if (!response.ok) return location.reload();
    const { next, done } = await parse(await response.text());
    try {
      if (activeParts(next) !== activeParts(document)) throw RELOAD;
      patchAttributes(document.documentElement, next.documentElement);
      patchNode(document.head, next.head);
      patchNode(document.body, next.body);
    } finally {
      done();
    }
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
