// The admin's slug box, filled as the editor types the name it is made from.
// The server makes the slug (config/lib/admin.py, slug_view), so the box shows
// exactly what will be saved, for a name in any script. A slug already saved,
// or one the editor typed, is never changed: it may be in journalists' links.
function slugFromServer(slug) {
  if (slug.value) return;
  let typed = false;
  let timer;
  let asked = 0;
  const sources = slug.dataset.slugFrom
    .split(" ")
    .map((name) => document.getElementById(`id_${name}`))
    .filter(Boolean);
  slug.addEventListener("input", () => { typed = slug.value !== ""; });
  const suggest = () => {
    if (typed) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = sources.map((source) => source.value).join(" ").trim();
      const ask = ++asked;
      const response = await fetch(`${slug.dataset.slugUrl}?${new URLSearchParams({ text })}`, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      // Only the answer to the latest question, only while the editor has not typed one, and
      // not the sign-in page a lapsed session is sent to.
      const json = (response.headers.get("Content-Type") || "").startsWith("application/json");
      if (response.ok && json && ask === asked && !typed) slug.value = (await response.json()).slug;
    }, 150);
  };
  sources.forEach((source) => source.addEventListener("input", suggest));
}

// Loaded in the page's head, before the form exists.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-slug-from]").forEach(slugFromServer);
});
