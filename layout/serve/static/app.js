// newspage preview: state pushed by Server-Sent Events; pages fetched when their version moves.
"use strict";
const known = new Map();   // page number -> {version, svg}
let state = null;
let current = null;        // page number shown large
const faces = new Set();

function $(id) { return document.getElementById(id); }

async function loadFaces(keys) {
  const jobs = [];
  for (const key of keys) {
    if (faces.has(key)) continue;
    faces.add(key);
    const face = new FontFace("np-" + key, "url(/fonts/" + key + ".ttf)");
    jobs.push(face.load().then(f => document.fonts.add(f)).catch(e => console.warn("font", key, e)));
  }
  await Promise.all(jobs);
}

async function apply(s) {
  state = s;
  $("edition").textContent = s.edition;
  showError(s.error);
  await loadFaces(s.faces);
  const numbers = s.pages.map(p => p.number);
  if (current === null || !numbers.includes(current)) current = numbers.length ? numbers[0] : null;
  const fetches = s.pages.filter(p => !known.has(p.number) || known.get(p.number).version !== p.version)
    .map(async p => {
      const r = await fetch("/api/page/" + p.number + ".svg?v=" + p.version);
      known.set(p.number, {version: p.version, svg: await r.text()});
      return p.number;
    });
  const changed = await Promise.all(fetches);
  renderThumbs(s, changed);
  if (changed.includes(current) || !$("page").firstChild || $("page").dataset.page != current) showPage(current);
  renderReport(s);
  $("status").textContent = "version " + s.version + (s.rebuilt.length ? " · rebuilt page " + s.rebuilt.join(", ") + " in " + Math.round(s.seconds * 1000) + " ms" : "");
  document.body.dataset.version = s.version;
  window.__applied = {version: s.version, at: Date.now()};
}

function showError(err) {
  const box = $("error");
  if (!err) { box.hidden = true; return; }
  const where = [err.file, err.line ? "line " + err.line : null, err.field ? "field '" + err.field + "'" : null].filter(Boolean).join(" · ");
  $("error-where").textContent = where;
  $("error-message").textContent = err.message;
  box.hidden = false;
}

function renderThumbs(s, changed) {
  const nav = $("thumbs");
  const have = new Map([...nav.children].map(b => [Number(b.dataset.page), b]));
  nav.replaceChildren(...s.pages.map(p => {
    let b = have.get(p.number);
    if (!b) {
      b = document.createElement("button");
      b.dataset.page = p.number;
      b.innerHTML = "<img alt=''><span></span>";
      b.addEventListener("click", () => { current = p.number; showPage(current); renderReport(state); });
    }
    const img = b.querySelector("img");
    const src = "/api/page/" + p.number + ".svg?v=" + p.version;
    if (img.getAttribute("src") !== src) img.setAttribute("src", src);
    b.querySelector("span").textContent = "第" + p.number + "版 " + p.name;
    b.classList.toggle("current", p.number === current);
    return b;
  }));
}

function showPage(n) {
  const holder = $("page");
  const page = known.get(n);
  holder.innerHTML = page ? page.svg : "";
  holder.dataset.page = n;
  for (const b of $("thumbs").children) b.classList.toggle("current", Number(b.dataset.page) === n);
}

function renderReport(s) {
  const aside = $("report");
  aside.replaceChildren();
  for (const p of s.pages) {
    const h = document.createElement("h2");
    h.textContent = "第" + p.number + "版 " + p.name;
    aside.append(h);
    const ul = document.createElement("ul");
    for (const pr of p.problems) {
      const li = document.createElement("li");
      li.className = "problem " + pr.kind;
      li.dataset.target = pr.id;
      li.dataset.page = p.number;
      const label = document.createElement("span");
      label.className = "label";
      label.textContent = pr.label;
      li.append(label, document.createTextNode(pr.message));
      li.addEventListener("click", () => goTo(p.number, pr.id));
      ul.append(li);
    }
    if (!p.problems.length) { const li = document.createElement("li"); li.textContent = "OK"; ul.append(li); }
    aside.append(ul);
    if (p.notes.length) {
      const notes = document.createElement("ul");
      notes.className = "notes";
      for (const n of p.notes) { const li = document.createElement("li"); li.textContent = n; notes.append(li); }
      aside.append(notes);
    }
    const pre = document.createElement("pre");
    pre.textContent = p.report.join("\n");
    aside.append(pre);
  }
}

function goTo(n, id) {
  if (current !== n) { current = n; showPage(n); }
  const mark = document.getElementById(id);
  if (!mark) return;
  mark.scrollIntoView({block: "center", inline: "center"});
  mark.classList.remove("flash");
  void mark.getBoundingClientRect();
  mark.classList.add("flash");
  setTimeout(() => mark.classList.remove("flash"), 1600);
}

let queue = Promise.resolve();
function connect() {
  const es = new EventSource("/api/events");
  es.addEventListener("update", e => {
    const s = JSON.parse(e.data);
    queue = queue.then(() => apply(s)).catch(err => console.error(err));
  });
  es.onerror = () => { $("status").textContent = "disconnected; retrying…"; };
}
connect();
