"use strict";
// The presence board: the directory through the admin API, presence through
// getPresencesByUserId, redrawn where a sequence number moved. Only public API calls, plus
// /_local/* where the local stack offers it (tokens, the clock, the calendar event bus).
(() => {
  const POLL_MS = 500;
  const BATCH = 650;                                         // getPresencesByUserId's limit
  const BOARD_APP = "b0a4d000-5e6f-4a7b-8c9d-00000000b0a4";  // the board's client id for local tokens
  const PLATFORM = "00000000-0000-0000-0000-000000000000";   // a tid no tenant has: the operator's
  const AVAILABILITY_WORDS = {
    Available: "Available", AvailableIdle: "Available, idle", Away: "Away", BeRightBack: "Be right back",
    Busy: "Busy", BusyIdle: "Busy, idle", DoNotDisturb: "Do not disturb", Offline: "Offline",
    PresenceUnknown: "Presence unknown",
  };
  const TONES = {
    Available: "available", AvailableIdle: "away", Away: "away", BeRightBack: "away", Busy: "busy",
    BusyIdle: "busy", DoNotDisturb: "dnd", Offline: "offline", PresenceUnknown: "unknown",
  };
  const LEGEND = [["available", "Available"], ["busy", "Busy, in a meeting"], ["dnd", "Do not disturb"],
    ["away", "Away, be right back, idle"], ["offline", "Offline"], ["oof", "Out of office"], ["unknown", "Unknown"]];

  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const fragment = new URLSearchParams(location.hash.slice(1));
  const api = (params.get("api") || (location.protocol.startsWith("http") ? location.origin : "")).replace(/\/+$/, "");
  const given = { directory: fragment.get("token"), reader: fragment.get("reader") || fragment.get("token") };

  const board = {
    local: false,
    tenants: [],          // [{tenant, users: [user]}]
    users: new Map(),     // id -> {user, tenant, row, shown, changedAt}
    seenAs: "",           // a user id, or "" for each tenant's own view
    openedAt: null,       // when the board first drew: changes before it are "at least" that old
    clockSkew: 0,         // the local stack's clock minus the browser's
  };

  // ---- calls ---------------------------------------------------------------------------
  const tokens = new Map();

  /** A local token for what the board needs; minted again when the moved clock expired it. */
  function localToken(kind, tenantId, userId) {
    const bodies = {
      operator: { tenantId: PLATFORM, appId: BOARD_APP, roles: ["Presence.Operator"] },
      tenant: { tenantId, appId: BOARD_APP, roles: ["Presence.Read.All"] },
      reader: { tenantId, appId: BOARD_APP, userId },
      demo: { tenantId, appId: BOARD_APP, roles: ["Presence.ReadWrite.All"] },
    };
    return { key: [kind, tenantId, userId].join(":"), body: bodies[kind] };
  }

  async function bearer(auth, fresh) {
    if (typeof auth === "string") return auth;
    if (!fresh && tokens.has(auth.key)) return tokens.get(auth.key);
    const minted = await request("POST", "/_local/token", auth.body);
    tokens.set(auth.key, minted.access_token);
    return minted.access_token;
  }

  async function request(method, path, body, auth) {
    for (let attempt = 0; ; attempt++) {
      const headers = { "Content-Type": "application/json" };
      if (auth) headers.Authorization = "Bearer " + await bearer(auth, attempt > 0);
      const response = await fetch(api + path, { method, headers, body: body == null ? undefined : JSON.stringify(body) });
      if (response.status === 401 && auth && typeof auth !== "string" && attempt === 0) continue;
      const text = await response.text();
      const json = text ? JSON.parse(text) : {};
      if (!response.ok) {
        const message = json.error ? json.error.code + ": " + json.error.message : json.message || response.statusText;
        throw new Error(method + " " + path + " answered " + response.status + " (" + message + ")");
      }
      return json;
    }
  }

  const directoryAuth = () => (board.local ? localToken("operator") : given.directory);

  /** Who reads which ids: each tenant its own users, or the chosen reader everyone. */
  function readers() {
    if (!board.local) return [{ auth: given.reader, ids: [...board.users.keys()] }];
    if (board.seenAs) {
      const reader = board.users.get(board.seenAs).user;
      return [{ auth: localToken("reader", reader.tenantId, reader.id), ids: [...board.users.keys()] }];
    }
    return board.tenants.map(({ tenant, users }) => ({ auth: localToken("tenant", tenant.id), ids: users.map((u) => u.id) }));
  }

  // ---- the directory -----------------------------------------------------------------------
  async function loadDirectory() {
    const listed = await request("GET", "/admin/tenants", null, directoryAuth());
    board.tenants = await Promise.all(listed.value.map(async (tenant) => ({
      tenant,
      users: (await request("GET", "/admin/tenants/" + tenant.id + "/users", null, directoryAuth())).value,
    })));
    const sections = $("tenants");
    sections.replaceChildren(...board.tenants.map(tenantSection));
    sections.setAttribute("aria-busy", "false");
    fillUserChoices();
  }

  function tenantSection({ tenant, users }) {
    const section = element("section", { className: "tenant", "aria-labelledby": "tenant-" + tenant.id });
    section.append(element("h2", { id: "tenant-" + tenant.id, textContent: tenant.displayName }));
    section.append(element("p", { className: "tenant-policy", textContent: policyWords(tenant) }));
    const list = element("ul", { className: "people" });
    for (const user of users) {
      const row = personRow(user);
      board.users.set(user.id, { user, tenant, row, shown: null, changedAt: null });
      list.append(row);
    }
    section.append(list);
    return section;
  }

  function policyWords(tenant) {
    const access = tenant.externalAccess || { mode: "disabled", domains: [] };
    const listed = access.domains.length ? " " + access.domains.join(", ") : "";
    const modes = { disabled: "external access off", allowAll: "shares with every tenant",
      allowList: "shares only with" + listed, blockList: "shares with all but" + (listed || " none") };
    return (tenant.domains || []).join(", ") + " · " + (modes[access.mode] || access.mode);
  }

  function personRow(user) {
    const row = element("li", { className: "person", "data-user-id": user.id, "data-tone": "unknown" });
    row.append(element("span", { className: "badge", "aria-hidden": "true" }),
      element("p", { className: "name", textContent: user.displayName || user.userPrincipalName }),
      element("p", { className: "upn", textContent: user.userPrincipalName }),
      element("p", { className: "state", textContent: "…" }),
      element("p", { className: "status-message" }),
      element("p", { className: "oof" }),
      element("p", { className: "meta" }, [element("span", { className: "location" }), " ",
        element("span", { className: "since" })]));
    return row;
  }

  function fillUserChoices() {
    const seenAs = $("seen-as");
    const demo = $("demo-user");
    for (const { tenant, users } of board.tenants) {
      const group = element("optgroup", { label: tenant.displayName });
      group.append(...users.map((u) => element("option", { value: u.id, textContent: u.displayName || u.userPrincipalName })));
      seenAs.append(group.cloneNode(true));
      demo.append(group);
    }
  }

  // ---- presence ------------------------------------------------------------------------------
  async function refresh() {
    const reads = [];
    for (const { auth, ids } of readers()) {
      for (let i = 0; i < ids.length; i += BATCH) {
        reads.push(request("POST", "/v1.0/communications/getPresencesByUserId", { ids: ids.slice(i, i + BATCH) }, auth));
      }
    }
    const now = await boardNow();
    for (const answer of await Promise.all(reads)) {
      for (const presence of answer.value) show(presence, now);
    }
    for (const entry of board.users.values()) since(entry, now);
  }

  /** Redraws a person only when what the API says of them moved. */
  function show(presence, now) {
    const entry = board.users.get(presence.id);
    if (!entry) return;
    const version = board.seenAs + "|" + (presence.sequenceNumber || presence.availability + "/" + presence.activity);
    if (entry.shown === version) return;
    const firstLook = entry.shown === null;
    entry.shown = version;
    entry.presence = presence;
    entry.changedAt = changeMoment(presence, firstLook ? null : now);
    draw(entry, presence);
    if (!firstLook) {
      entry.row.classList.add("changed");
      setTimeout(() => entry.row.classList.remove("changed"), 50);
      $("announce").textContent = (entry.user.displayName || entry.user.userPrincipalName) + " is now " + stateWords(presence);
    }
  }

  function draw(entry, presence) {
    const row = entry.row;
    const oof = presence.outOfOfficeSettings || {};
    row.dataset.availability = presence.availability;
    row.dataset.activity = presence.activity;
    row.dataset.tone = presence.activity === "OutOfOffice" ? "oof" : TONES[presence.availability] || "unknown";
    row.querySelector(".state").textContent = stateWords(presence);
    const message = presence.statusMessage && presence.statusMessage.message;
    row.querySelector(".status-message").textContent = message && message.content ? "“" + message.content + "”" : "";
    row.querySelector(".oof").textContent = oof.isOutOfOffice ? "Automatic reply: " + (oof.message || "(none)") : "";
    row.querySelector(".location").textContent = locationWords(presence.workLocation);
  }

  function stateWords(presence) {
    const availability = AVAILABILITY_WORDS[presence.availability] || words(presence.availability);
    const activity = words(presence.activity);
    return activity.toLowerCase() === availability.toLowerCase() || presence.availability === "PresenceUnknown"
      ? availability : availability + " · " + activity;
  }

  /** "InAMeeting" to "In a meeting". */
  function words(name) {
    const spaced = String(name).replace(/([a-z])([A-Z])/g, "$1 $2").replace(/([A-Z])([A-Z][a-z])/g, "$1 $2");
    return spaced.charAt(0) + spaced.slice(1).toLowerCase();
  }

  function locationWords(location) {
    if (!location || location.workLocationType === "unspecified") return "";
    const type = { office: "In the office", remote: "Remote", timeOff: "Time off" }[location.workLocationType]
      || words(location.workLocationType);
    return type + (location.placeId ? " (" + location.placeId + ")" : "") + " ·";
  }

  /**
   * When the shown state began: the sequence number's last 13 digits are the moment of a
   * change time alone caused (fading, expiry) when not zero; otherwise a change the board saw
   * happen, or nothing known but that it is older than the board.
   */
  function changeMoment(presence, seenAt) {
    const timeDriven = presence.sequenceNumber ? Number(presence.sequenceNumber.slice(-13)) : 0;
    if (timeDriven > 0) return timeDriven;
    return seenAt;
  }

  function since(entry, now) {
    const label = entry.row.querySelector(".since");
    let text = "";
    if (entry.changedAt !== null) {
      const age = duration(now - entry.changedAt);
      text = age ? "changed " + age + " ago" : "changed just now";
    } else if (entry.presence && entry.presence.availability !== "PresenceUnknown") {
      const age = duration(now - board.openedAt);
      text = age ? "unchanged for " + age + " or more" : "";
    }
    if (label.textContent !== text) label.textContent = text;
  }

  /** "5 min", "2 h 5 min", "3 d"; null under a minute. */
  function duration(ms) {
    const minutes = Math.floor(ms / 60000);
    if (!(minutes >= 1)) return null;
    if (minutes < 60) return minutes + " min";
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return hours + " h " + (minutes % 60) + " min";
    return Math.floor(hours / 24) + " d";
  }

  async function boardNow() {
    if (!board.local) return Date.now();
    const clock = await request("GET", "/_local/clock");
    const now = Date.parse(clock.now);
    board.clockSkew = now - Date.now();
    $("clock").textContent = clock.now.slice(0, 16).replace("T", " ") + " UTC";
    return now;
  }

  // ---- local controls ------------------------------------------------------------------------
  function wireControls() {
    $("controls").hidden = false;
    for (const button of document.querySelectorAll("[data-advance]")) {
      button.addEventListener("click", () => act(async () => {
        const moved = await request("POST", "/_local/clock", { advance: button.dataset.advance });
        return "The clock is now " + moved.now.slice(0, 16).replace("T", " ") + " UTC.";
      }));
    }
    $("set-presence").addEventListener("click", () => act(async () => {
      const [availability, activity] = $("demo-pair").value.split("/");
      await request("POST", userPath("/presence/setPresence"), { sessionId: BOARD_APP, availability, activity,
        expirationDuration: $("demo-duration").value }, demoAuth());
      return "setPresence " + availability + "/" + activity + " for " + demoName() + ".";
    }));
    $("clear-presence").addEventListener("click", () => act(async () => {
      await request("POST", userPath("/presence/clearPresence"), { sessionId: BOARD_APP }, demoAuth());
      return "clearPresence for " + demoName() + ".";
    }));
    $("meeting").addEventListener("click", () => act(async () => {
      const start = new Date(await boardNow());
      start.setUTCSeconds(0, 0);
      const end = new Date(start.getTime() + 3600000);
      await putEvent("CalendarEventChanged", { eventId: "board-" + start.getTime(), start: start.toISOString(),
        end: end.toISOString(), showAs: "busy", isCancelled: false });
      return "A meeting until " + end.toISOString().slice(11, 16) + " UTC for " + demoName() + ".";
    }));
    $("oof-on").addEventListener("click", () => act(async () => {
      await putEvent("AutomaticRepliesChanged", { automaticRepliesSetting: { status: "alwaysEnabled",
        internalReplyMessage: "Away from the office", externalReplyMessage: "Out of the office" } });
      return "Automatic replies on for " + demoName() + ".";
    }));
    $("oof-off").addEventListener("click", () => act(async () => {
      await putEvent("AutomaticRepliesChanged", { automaticRepliesSetting: { status: "disabled" } });
      return "Automatic replies off for " + demoName() + ".";
    }));
  }

  const demoEntry = () => board.users.get($("demo-user").value);
  const demoName = () => demoEntry().user.displayName || demoEntry().user.userPrincipalName;
  const demoAuth = () => localToken("demo", demoEntry().user.tenantId);
  const userPath = (rest) => "/v1.0/users/" + demoEntry().user.id + rest;

  let lastModified = 0;
  /** One entry on the calendar event bus; each newer than the last, as the bus keeps only newer ones. */
  async function putEvent(detailType, detail) {
    lastModified = Math.max(lastModified + 1, await boardNow());
    const user = demoEntry().user;
    const full = Object.assign({ tenantId: user.tenantId, userId: user.id,
      lastModifiedDateTime: new Date(lastModified).toISOString() }, detail);
    const answer = await request("POST", "/_local/events", { Entries: [{ Source: "presence.calendar",
      DetailType: detailType, Detail: JSON.stringify(full) }] });
    if (answer.FailedEntryCount) throw new Error(detailType + " was refused: " + JSON.stringify(answer.Entries));
  }

  async function act(action) {
    try {
      $("control-result").textContent = await action();
    } catch (failure) {
      $("control-result").textContent = failure.message;
    }
  }

  // ---- start ---------------------------------------------------------------------------------
  function element(tag, properties, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(properties || {})) {
      if (name in node && !name.includes("-")) node[name] = value; else node.setAttribute(name, value);
    }
    if (children) node.append(...children);
    return node;
  }

  function legend() {
    $("legend").replaceChildren(...LEGEND.map(([tone, label]) => {
      const item = element("span", { "data-tone": tone });
      item.append(element("span", { className: "badge", "aria-hidden": "true" }), label);
      return item;
    }));
  }

  function problem(message) {
    $("problem").hidden = !message;
    $("problem").textContent = message || "";
  }

  function askForConnection() {
    const form = $("connect");
    form.hidden = false;
    $("connect-api").value = api;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const fields = new URLSearchParams({ token: $("connect-token").value });
      if ($("connect-reader").value) fields.set("reader", $("connect-reader").value);
      const next = new URL(location.pathname + "?api=" + encodeURIComponent($("connect-api").value) + "#" + fields, location.href);
      const onlyTheFragmentMoves = next.search === location.search;
      location.assign(next);
      if (onlyTheFragmentMoves) location.reload();
    });
  }

  async function isLocal() {
    try {
      const response = await fetch(api + "/_local/clock");
      return response.ok;
    } catch (unreachable) {
      return false;
    }
  }

  async function poll() {
    try {
      await refresh();
      problem(null);
    } catch (failure) {
      problem(failure.message);
    }
    setTimeout(poll, POLL_MS);
  }

  async function start() {
    legend();
    $("api-url").textContent = api || "(no API URL)";
    board.local = api !== "" && await isLocal();
    $("mode").textContent = board.local ? "(local stack)" : "";
    if (!board.local && !given.directory) {
      askForConnection();
      return;
    }
    if (board.local) {
      wireControls();
    } else {
      $("seen-as").replaceChildren(element("option", { value: "", textContent: "The reader token's user or app" }));
    }
    $("seen-as").addEventListener("change", () => {
      board.seenAs = $("seen-as").value;
      // another reader is not a change of anyone's presence: everyone is drawn afresh
      for (const entry of board.users.values()) entry.shown = null;
      refresh().catch((failure) => problem(failure.message));
    });
    try {
      await loadDirectory();
      board.openedAt = await boardNow();
    } catch (failure) {
      problem(failure.message);
      return;
    }
    poll();
  }

  start();
})();
