// The door: camera scanning, check-in through the API, and scans kept while the venue's network
// is down (templates/events/check_in.html). The page works without this script: the forms post.
(function () {
  "use strict";
  const door = document.getElementById("door");
  if (!door || !window.fetch || !window.localStorage) return;
  const text = door.dataset;
  const QUEUE_KEY = `yizhan:door:${text.event}:queue`;
  const CONFLICTS_KEY = `yizhan:door:${text.event}:conflicts`;
  const resultBox = document.getElementById("door-result");
  const CLASSES = {
    ok: "checkin-ok",
    already: "checkin-warn",
    other_event: "checkin-other",
    queued: "checkin-queued",
    synced: "checkin-ok",
  };

  // --- What the staff see and hear -----------------------------------------------------------
  let audio = null;
  function unlockAudio() {
    // Browsers start sound only after a tap: make the context on the first one.
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) audio = new Context();
    if (audio && audio.state === "suspended") audio.resume();
  }
  function beep(outcome) {
    if (!audio) return;
    // ok: one high tone; already: two middle tones; anything refused: one long low tone.
    const tones = outcome === "ok" || outcome === "synced" ? [[880, 0, 0.15]]
      : outcome === "already" ? [[587, 0, 0.12], [587, 0.2, 0.12]]
      : outcome === "queued" ? [[440, 0, 0.1]]
      : [[196, 0, 0.5]];
    for (const [frequency, start, length] of tones) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.2;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(audio.currentTime + start);
      oscillator.stop(audio.currentTime + start + length);
    }
    if (navigator.vibrate) navigator.vibrate(outcome === "ok" ? 80 : [80, 60, 80]);
  }
  function show(outcome, title, detail) {
    const box = document.createElement("div");
    box.className = `checkin-result checkin-flash ${CLASSES[outcome] || "checkin-bad"}`;
    box.setAttribute("role", "status");
    box.dataset.outcome = outcome;
    const strong = document.createElement("strong");
    strong.textContent = title;
    box.append(strong);
    if (detail) box.append(document.createElement("br"), detail);
    resultBox.replaceChildren(box);
    beep(outcome);
  }
  function titleOf(outcome) {
    if (outcome === "ok") return text.msgOk;
    if (outcome === "already") return text.msgAlready;
    if (outcome === "other_event") return text.msgOtherEvent;
    return text.msgInvalid;
  }
  function detailOf(data) {
    const name = data.registration ? data.registration.name : "";
    if (data.outcome === "ok" && name) return name; // the title already says "checked in"
    return name && data.outcome !== "other_event" ? `${name} · ${data.message}` : data.message;
  }

  // --- The queue of scans made offline --------------------------------------------------------
  function load(key) {
    try {
      return JSON.parse(localStorage.getItem(key) || "[]");
    } catch (error) {
      return [];
    }
  }
  function store(key, items) {
    localStorage.setItem(key, JSON.stringify(items));
    render();
  }
  function render() {
    const queue = load(QUEUE_KEY);
    document.getElementById("door-queued").textContent = String(queue.length);
    document.getElementById("door-offline").hidden = queue.length === 0;
    const conflicts = load(CONFLICTS_KEY);
    const list = document.getElementById("door-conflict-list");
    list.replaceChildren(
      ...conflicts.map((conflict) => {
        const item = document.createElement("li");
        item.className = `door-conflict ${CLASSES[conflict.outcome] || "checkin-bad"}`;
        item.dataset.outcome = conflict.outcome;
        item.textContent = `${titleOf(conflict.outcome)}: ${conflict.detail} (${conflict.code})`;
        return item;
      }),
    );
    document.getElementById("door-conflicts").hidden = conflicts.length === 0;
  }

  // --- Talking to the server -----------------------------------------------------------------
  async function send(code, scannedAt) {
    const token = door.querySelector("input[name=csrfmiddlewaretoken]").value;
    let response;
    try {
      response = await fetch(text.apiUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": token },
        body: JSON.stringify({ code: code, scanned_at: scannedAt }),
      });
    } catch (error) {
      return { network: true };
    }
    if (response.status >= 500) return { network: true };
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      return { network: true };
    }
    if (!response.ok) return { refused: true, data: data };
    return { data: data };
  }
  function enqueue(code) {
    const queue = load(QUEUE_KEY);
    queue.push({ code: code, at: new Date().toISOString() });
    store(QUEUE_KEY, queue);
    show("queued", text.msgQueued, code);
  }
  async function checkIn(code) {
    code = (code || "").trim();
    if (!code) return null;
    if (!navigator.onLine) {
      enqueue(code);
      return null;
    }
    const answer = await send(code, null);
    if (answer.network) {
      enqueue(code);
      return null;
    }
    if (answer.refused) {
      show(answer.data.code || "refused", text.msgInvalid, answer.data.detail || "");
      return null;
    }
    show(answer.data.outcome, titleOf(answer.data.outcome), detailOf(answer.data));
    sync(); // the network is back if it answered: send what waits
    return answer.data;
  }

  let syncing = false;
  async function sync() {
    if (syncing || !navigator.onLine || load(QUEUE_KEY).length === 0) return;
    syncing = true;
    try {
      let sent = 0;
      let added = 0;
      for (;;) {
        const item = load(QUEUE_KEY)[0];
        if (!item) break;
        const answer = await send(item.code, item.at);
        // Still down, or too many short codes for now: keep this and the rest for the next try.
        if (answer.network || answer.refused && answer.data.code === "rate_limited") break;
        // Scans queued meanwhile were appended: the one sent is still the first.
        store(QUEUE_KEY, load(QUEUE_KEY).slice(1));
        sent += 1;
        const data = answer.data;
        // Checked in by this same account (an earlier try that got through) is no conflict.
        if (answer.refused || data.outcome !== "ok" && !(data.outcome === "already" && data.by_you)) {
          const conflicts = load(CONFLICTS_KEY);
          conflicts.push({
            code: item.code,
            outcome: answer.refused ? data.code || "refused" : data.outcome,
            detail: answer.refused ? data.detail || "" : detailOf(data),
          });
          store(CONFLICTS_KEY, conflicts);
          added += 1;
        }
      }
      if (sent) show(added ? "already" : "synced", text.msgSynced, "");
    } finally {
      syncing = false;
    }
  }

  // --- The forms: check in without reloading, so offline scans are kept ---------------------
  const codeForm = document.getElementById("door-code-form");
  codeForm.addEventListener("submit", (event) => {
    event.preventDefault();
    unlockAudio();
    const field = codeForm.querySelector("input[name=code]");
    checkIn(field.value);
    field.value = "";
    field.focus();
  });
  for (const form of door.querySelectorAll(".door-match-form")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      unlockAudio();
      const data = await checkIn(form.querySelector("input[name=code]").value);
      if (data && (data.outcome === "ok" || data.outcome === "already")) {
        const note = document.createElement("small");
        note.className = "door-match-done";
        note.textContent = titleOf(data.outcome);
        form.replaceWith(note);
      }
    });
  }

  // --- The camera ----------------------------------------------------------------------------
  const camera = document.getElementById("door-camera");
  const scanButton = document.getElementById("door-scan");
  const stopButton = document.getElementById("door-stop");
  const video = document.getElementById("door-video");
  const note = document.getElementById("door-camera-note");
  camera.hidden = false;
  if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    // Browsers give the camera only to pages over HTTPS or on localhost.
    document.getElementById("door-insecure").hidden = false;
    scanButton.hidden = true;
  }

  let stream = null;
  let lastCode = "";
  let lastAt = 0;
  function loadJsQR() {
    if (window.jsQR) return Promise.resolve(window.jsQR);
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = text.jsqrUrl;
      script.onload = () => resolve(window.jsQR);
      script.onerror = reject;
      document.head.append(script);
    });
  }
  async function decoder() {
    if ("BarcodeDetector" in window) {
      try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.includes("qr_code")) {
          const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
          door.dataset.decoder = "barcode-detector";
          return async () => {
            const codes = await detector.detect(video);
            return codes.length ? codes[0].rawValue : "";
          };
        }
      } catch (error) {
        // fall through to jsQR
      }
    }
    const jsQR = await loadJsQR();
    door.dataset.decoder = "jsqr";
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    return async () => {
      const width = video.videoWidth;
      const height = video.videoHeight;
      if (!width || !height) return "";
      canvas.width = width;
      canvas.height = height;
      context.drawImage(video, 0, 0, width, height);
      const found = jsQR(context.getImageData(0, 0, width, height).data, width, height, {
        inversionAttempts: "dontInvert",
      });
      return found ? found.data : "";
    };
  }
  function stop() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    stopButton.hidden = true;
    scanButton.hidden = false;
  }
  async function start() {
    unlockAudio();
    let read;
    try {
      read = await decoder();
    } catch (error) {
      note.textContent = text.msgNoDecoder;
      note.hidden = false;
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment" },
        audio: false,
      });
    } catch (error) {
      note.textContent = text.msgCameraFailed;
      note.hidden = false;
      return;
    }
    note.hidden = true;
    video.srcObject = stream;
    video.hidden = false;
    scanButton.hidden = true;
    stopButton.hidden = false;
    await video.play();
    const tick = async () => {
      if (!stream) return;
      let code = "";
      try {
        code = await read();
      } catch (error) {
        code = "";
      }
      const now = Date.now();
      // The same ticket stays in front of the camera for a while: one check-in per 3 seconds.
      if (code && (code !== lastCode || now - lastAt > 3000)) {
        lastCode = code;
        lastAt = now;
        await checkIn(code);
      }
      setTimeout(tick, 200);
    };
    tick();
  }
  scanButton.addEventListener("click", start);
  stopButton.addEventListener("click", stop);

  document.getElementById("door-conflicts-clear").addEventListener("click", () => {
    store(CONFLICTS_KEY, []);
  });

  window.addEventListener("online", sync);
  setInterval(sync, 15000);
  render();
  sync();
})();
