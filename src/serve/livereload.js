// briefgen serve: reloads the page after a rebuild, swaps stylesheets in place, and shows build
// errors over the page. Injected only into pages served by `briefgen serve`.
(() => {
  const url = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/__briefgen/livereload`;
  let connectedBefore = false;
  let overlay = null;

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

  function connect() {
    const socket = new WebSocket(url);
    socket.onopen = () => {
      // Connected again after the server went away: it may have restarted with a new site.
      if (connectedBefore) location.reload();
      connectedBefore = true;
    };
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === "reload") {
        // Reload when this page changed (or when the server does not say which did).
        if (!message.paths || message.paths.includes(ownPath())) location.reload();
      }
      else if (message.type === "css") swapStylesheets(message.paths);
      else if (message.type === "errors") showErrors(message.text);
      else if (message.type === "ok") clearErrors();
    };
    socket.onclose = () => setTimeout(connect, 250);
  }

  connect();
})();
