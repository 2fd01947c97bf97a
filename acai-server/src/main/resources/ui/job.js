// Streams a running job's log and state: long-polls /ui/jobs/ID/live, appends new lines as text
// and updates the badge, reason, duration, output set and timeline until the job has ended.
const log = document.getElementById('log');

function setText(id, value) {
  const element = document.getElementById(id);
  if (element) {
    element.textContent = value;
  }
}

// The output set, once created, as a link to its page.
function showOutput(output) {
  const cell = document.getElementById('output');
  if (!cell || !output || cell.textContent === output) {
    return;
  }
  const colon = output.lastIndexOf(':');
  const link = document.createElement('a');
  link.id = 'output-link';
  link.href = `/ui/set?name=${encodeURIComponent(output.slice(0, colon))}`
    + `&version=${encodeURIComponent(output.slice(colon + 1))}`;
  link.textContent = output;
  cell.replaceChildren(link);
}

function showTimeline(entries) {
  const list = document.getElementById('timeline');
  const items = entries.map((entry) => {
    const item = document.createElement('li');
    const time = document.createElement('time');
    time.textContent = entry.time;
    const status = document.createElement('strong');
    status.textContent = entry.status;
    const reason = document.createElement('span');
    reason.textContent = entry.reason;
    item.append(time, ' ', status, ' ', reason);
    return item;
  });
  list.replaceChildren(...items);
}

function show(state) {
  const badge = document.getElementById('status');
  badge.textContent = state.status;
  badge.className = 'badge st-' + state.status.toLowerCase();
  setText('reason', state.reason);
  setText('duration', state.duration);
  showOutput(state.output);
  showTimeline(state.timeline);
  if (state.lines.length > 0) {
    const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    const text = state.lines.join('\n');
    log.append((log.textContent.length > 0 ? '\n' : '') + text);
    if (atBottom) {
      log.scrollTop = log.scrollHeight;
    }
  }
  if (state.terminal) {
    const kill = document.getElementById('kill');
    if (kill) {
      kill.remove();
    }
  }
}

async function follow() {
  let next = Number(log.dataset.next);
  let terminal = log.dataset.terminal === 'true';
  let failures = 0;
  while (!terminal && failures < 5) {
    try {
      const response = await fetch(`/ui/jobs/${log.dataset.job}/live?from_line=${next}`, {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      const state = await response.json();
      show(state);
      next = state.next_line;
      terminal = state.terminal && state.lines.length === 0;
      failures = 0;
    } catch (e) {
      failures += 1;
      await new Promise((resolve) => setTimeout(resolve, 1000 * failures));
    }
  }
}

follow();
