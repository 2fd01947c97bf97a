// Keeps the jobs table current while any listed job is still running: refetches this same page
// and swaps in its table body (the server renders and escapes it).
const table = document.getElementById('jobs');

async function refresh() {
  const response = await fetch(window.location.href, { credentials: 'same-origin' });
  if (!response.ok || response.redirected) {
    return false;
  }
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const fresh = page.getElementById('jobs');
  if (!fresh) {
    return false;
  }
  table.tBodies[0].replaceWith(document.adoptNode(fresh.tBodies[0]));
  return fresh.dataset.live === 'true';
}

async function loop() {
  let live = table && table.dataset.live === 'true';
  while (live) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    try {
      live = await refresh();
    } catch (e) {
      live = false;
    }
  }
}

loop();
