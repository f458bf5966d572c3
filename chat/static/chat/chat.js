// Live chat and questions of a session page. Plain JS; every string comes from data- attributes.
// User text is only ever put into the page as text nodes (links are built as <a> elements).
(() => {
  "use strict";
  const root = document.getElementById("chat");
  if (!root) return;

  const data = root.dataset;
  const t = (name) => data["t" + name] || "";
  const fill = (text, values) =>
    text.replace(/%\((\w+)\)s/g, (match, key) => (key in values ? String(values[key]) : match));
  const myId = Number(data.userId);
  const moderator = data.moderator === "1";
  const lists = {
    message: root.querySelector('[data-list="message"]'),
    question: root.querySelector('[data-list="question"]'),
  };
  const stateEl = root.querySelector('[data-role="state"]');
  const onlineEl = root.querySelector('[data-role="online"]');
  const noticeEl = root.querySelector('[data-role="notice"]');
  const errorEl = root.querySelector('[data-role="error"]');
  const roomStateEl = root.querySelector('[data-role="room-state"]');
  const slowModeEl = root.querySelector('[data-role="slow-mode"]');
  const forms = Array.from(root.querySelectorAll("form.chat-form"));
  const voted = new Set((data.voted || "").split(",").filter(Boolean).map(Number));
  const mutedByMe = new Set(); // people this moderator muted from this page
  const typed = new Map(); // client_id -> {textarea, body}: cleared only when the room echoes it
  const items = new Map(); // id -> {el, frame}
  const unsent = new Map(); // client_id -> frame, sent again after a reconnect until echoed
  let socket = null;
  let lastId = 0;
  let attempt = 0;
  let refused = false;

  // --- The room's window: read-only before it opens and after it closes -------------------------
  function setWritable(writable, notice) {
    forms.forEach((form) => {
      form.querySelectorAll("textarea, button").forEach((el) => {
        el.disabled = !writable;
      });
    });
    if (roomStateEl) {
      roomStateEl.hidden = writable;
      if (notice) roomStateEl.textContent = notice;
    }
  }

  function watchWindow() {
    const opens = Date.parse(data.opens);
    const closes = Date.parse(data.closes);
    const now = Date.now();
    if (Number.isNaN(opens) || Number.isNaN(closes)) return;
    if (now < opens) {
      setWritable(false, t("NotYet"));
      window.setTimeout(watchWindow, Math.min(opens - now, 2 ** 31 - 1));
    } else if (now < closes) {
      setWritable(true);
      window.setTimeout(watchWindow, Math.min(closes - now, 2 ** 31 - 1));
    } else {
      setWritable(false, t("Closed"));
    }
  }

  function setState(state) {
    stateEl.dataset.state = state;
    stateEl.textContent = t(state.charAt(0).toUpperCase() + state.slice(1));
  }

  // --- Rendering ------------------------------------------------------------------------------
  const URL_PATTERN = /https?:\/\/[^\s<>"'\u3000-\u303f\uff01-\uff0f]+/g;
  const TRAILING = /[.,;:!?)\]}'"]+$/;

  function linkified(text) {
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      let url = match[0];
      const trailing = url.match(TRAILING);
      if (trailing) url = url.slice(0, -trailing[0].length);
      let safe = null;
      try {
        const parsed = new URL(url);
        if (parsed.protocol === "http:" || parsed.protocol === "https:") safe = parsed.href;
      } catch (error) {
        safe = null;
      }
      if (!safe || !url) continue;
      fragment.append(document.createTextNode(text.slice(last, match.index)));
      const a = document.createElement("a");
      a.href = safe;
      a.rel = "noopener noreferrer nofollow ugc";
      a.target = "_blank";
      a.textContent = url;
      fragment.append(a);
      last = match.index + url.length;
    }
    fragment.append(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function button(label, action, extra) {
    const b = element("button", "outline secondary", label);
    b.type = "button";
    b.dataset.action = action;
    Object.assign(b.dataset, extra || {});
    return b;
  }

  function localTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return "";
    // In the event's time zone and the page's language, as every other time on the site.
    return date.toLocaleTimeString(data.lang || [], {
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: data.timezone || undefined,
    });
  }

  function render(frame) {
    const li = element("li");
    li.dataset.id = frame.id;
    const meta = element("div", "chat-meta");
    const author = frame.author || {};
    meta.append(element("span", "chat-author", author.id ? author.name : t("DeletedUser")));
    const role = t("Role" + (author.role || "guest").replace(/^./, (c) => c.toUpperCase()));
    if (role) meta.append(element("span", "chat-role", role));
    meta.append(element("time", "", localTime(frame.created)));
    meta.append(element("span", "chat-flag-pinned", frame.pinned ? t("Pinned") : ""));
    if (frame.type === "question") {
      meta.append(element("span", "chat-flag-answered", frame.answered ? t("Answered") : ""));
    }
    const body = element("p", "chat-body");
    body.append(linkified(frame.body));
    li.append(meta, body);

    const actions = element("div", "chat-actions");
    if (frame.type === "question") {
      const votes = element("span", "chat-votes");
      votes.dataset.role = "votes";
      actions.append(votes);
      actions.append(button(t("Upvote"), "vote"));
    }
    if (moderator) {
      actions.append(button(t("Pin"), "pin"));
      actions.append(button(t("Unpin"), "unpin"));
      if (frame.type === "question") actions.append(button(t("MarkAnswered"), "answered"));
      actions.append(button(t("Delete"), "delete"));
      if (author.id && author.id !== myId) {
        actions.append(button(t("Mute"), "mute", { userId: author.id }));
        actions.append(button(t("Unmute"), "unmute", { userId: author.id }));
      }
    }
    if (actions.childElementCount) li.append(actions);
    return li;
  }

  function update(item) {
    const { el, frame } = item;
    el.classList.toggle("pinned", frame.pinned);
    el.classList.toggle("answered", Boolean(frame.answered));
    el.querySelector(".chat-flag-pinned").textContent = frame.pinned ? t("Pinned") : "";
    const answered = el.querySelector(".chat-flag-answered");
    if (answered) answered.textContent = frame.answered ? t("Answered") : "";
    const votes = el.querySelector('[data-role="votes"]');
    if (votes) {
      const form = frame.votes === 1 ? t("VotesOne") : t("VotesOther");
      votes.textContent = fill(form, { count: frame.votes });
    }
    const vote = el.querySelector('button[data-action="vote"]');
    if (vote) {
      const mine = voted.has(frame.id);
      vote.disabled = mine;
      vote.textContent = mine ? t("Voted") : t("Upvote");
      vote.setAttribute("aria-pressed", mine ? "true" : "false");
    }
    const pin = el.querySelector('button[data-action="pin"]');
    const unpin = el.querySelector('button[data-action="unpin"]');
    if (pin) pin.hidden = Boolean(frame.pinned);
    if (unpin) unpin.hidden = !frame.pinned;
    const authorId = frame.author && frame.author.id;
    const mute = el.querySelector('button[data-action="mute"]');
    const unmute = el.querySelector('button[data-action="unmute"]');
    if (mute) mute.hidden = mutedByMe.has(authorId);
    if (unmute) unmute.hidden = !mutedByMe.has(authorId);
  }

  function refreshAuthor(userId) {
    items.forEach((item) => {
      if (item.frame.author && item.frame.author.id === userId) update(item);
    });
  }

  function sortQuestions() {
    const list = lists.question;
    const ordered = Array.from(list.children).sort((a, b) => {
      const fa = items.get(Number(a.dataset.id)).frame;
      const fb = items.get(Number(b.dataset.id)).frame;
      return fb.votes - fa.votes || fa.id - fb.id;
    });
    ordered.forEach((li) => list.append(li));
  }

  function add(frame) {
    if (frame.client_id) {
      unsent.delete(frame.client_id);
      const mine = typed.get(frame.client_id);
      if (mine) {
        // Stored: only now is the typed text cleared (unless the person typed on meanwhile).
        if (mine.textarea.value === mine.body) mine.textarea.value = "";
        typed.delete(frame.client_id);
      }
    }
    lastId = Math.max(lastId, frame.id);
    if (items.has(frame.id)) return;
    const list = lists[frame.type];
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    const item = { el: render(frame), frame };
    items.set(frame.id, item);
    update(item);
    list.append(item.el);
    if (frame.type === "question") sortQuestions();
    else if (nearBottom) list.scrollTop = list.scrollHeight;
  }

  // --- Frames from the server ------------------------------------------------------------------
  const handlers = {
    history(frame) {
      frame.messages.forEach(add);
      if (frame.has_more) {
        socket.close(); // reconnects at once with ?after= the last id, until caught up
        attempt = 0;
        return;
      }
      unsent.forEach((out) => send(out));
    },
    message: add,
    question: add,
    votes(frame) {
      const item = items.get(frame.question_id);
      if (!item) return;
      item.frame.votes = frame.votes;
      update(item);
      sortQuestions();
    },
    deleted(frame) {
      const item = items.get(frame.message_id);
      if (item) item.el.remove();
    },
    pinned(frame) {
      const item = items.get(frame.message_id);
      if (!item) return;
      item.frame.pinned = true;
      update(item);
    },
    unpinned(frame) {
      const item = items.get(frame.message_id);
      if (!item) return;
      item.frame.pinned = false;
      update(item);
    },
    answered(frame) {
      const item = items.get(frame.question_id);
      if (!item) return;
      item.frame.answered = true;
      update(item);
    },
    slow_mode(frame) {
      noticeEl.textContent = frame.seconds ? fill(t("SlowMode"), { seconds: frame.seconds }) : "";
      if (slowModeEl) slowModeEl.value = String(frame.seconds);
    },
    muted(frame) {
      noticeEl.textContent = frame.until
        ? fill(t("Muted"), { time: localTime(frame.until) })
        : t("Unmuted");
    },
    presence(frame) {
      onlineEl.textContent = fill(t("Online"), { count: frame.online });
    },
    error(frame) {
      errorEl.textContent = frame.message;
      unsent.clear(); // a refused frame is not sent again after a reconnect; its text stays
      typed.clear();
    },
  };

  // --- The connection ---------------------------------------------------------------------------
  function connect() {
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    const query = lastId ? `?after=${lastId}` : "";
    socket = new WebSocket(`${scheme}//${window.location.host}${data.socketPath}${query}`);
    setState(attempt ? "reconnecting" : "connecting");
    socket.addEventListener("open", () => {
      attempt = 0;
      setState("connected");
    });
    socket.addEventListener("message", (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      const handler = handlers[frame.type];
      if (handler) handler(frame);
    });
    socket.addEventListener("close", (event) => {
      if (event.code === 4403 || event.code === 4404) {
        refused = true;
        setState("refused");
        return;
      }
      setState("reconnecting");
      // Back off: 1 s, 2 s, 4 s … up to 30 s, with jitter so a room does not return at once.
      const delay = Math.min(30000, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt += 1;
      window.setTimeout(connect, attempt === 1 ? 0 : delay);
    });
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  }

  function newClientId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  }

  forms.forEach((form) => {
    const textarea = form.querySelector("textarea");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const body = textarea.value;
      if (!body.trim() || refused || textarea.disabled) return;
      const frame = { type: form.dataset.kind, body, client_id: newClientId() };
      unsent.set(frame.client_id, frame);
      typed.set(frame.client_id, { textarea, body });
      errorEl.textContent = "";
      send(frame);
    });
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  });

  root.addEventListener("click", (event) => {
    const target = event.target.closest("button[data-action]");
    if (!target) return;
    const id = Number(target.closest("li").dataset.id);
    const action = target.dataset.action;
    if (action === "vote") {
      send({ type: action, question_id: id });
      voted.add(id);
      update(items.get(id));
    } else if (action === "answered") send({ type: action, question_id: id });
    else if (action === "pin" || action === "unpin" || action === "delete") {
      send({ type: action, message_id: id });
    } else if (action === "mute" || action === "unmute") {
      const userId = Number(target.dataset.userId);
      if (action === "mute") {
        send({ type: "mute", user_id: userId, minutes: 10 });
        mutedByMe.add(userId);
      } else {
        send({ type: "unmute", user_id: userId });
        mutedByMe.delete(userId);
      }
      refreshAuthor(userId);
    }
  });

  if (slowModeEl) {
    slowModeEl.addEventListener("change", () => {
      send({ type: "slow_mode", seconds: Number(slowModeEl.value) });
    });
  }

  watchWindow();
  connect();
})();
