// Uploads files into the directory shown: drag and drop or the picker, several files, one
// request each (the raw bytes, Content-Length as the size), with a progress bar per file.
// The CSRF token goes in a header; the session cookie is the only credential.
const zone = document.getElementById('upload');
const drop = document.getElementById('drop');
const picker = document.getElementById('picker');
const progress = document.getElementById('progress');

function messageOf(xhr) {
  if ((xhr.getResponseHeader('Content-Type') || '').startsWith('text/html')) {
    const page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
    const message = page.querySelector('.message');
    if (message) {
      return message.textContent;
    }
  }
  return `HTTP ${xhr.status}`;
}

function uploadOne(file) {
  const item = document.createElement('li');
  const label = document.createElement('span');
  label.textContent = file.name;
  const bar = document.createElement('progress');
  bar.max = 100;
  bar.value = 0;
  bar.setAttribute('aria-label', `Upload of ${file.name}`);
  const state = document.createElement('span');
  state.className = 'state';
  item.append(label, ' ', bar, ' ', state);
  progress.append(item);
  if (file.size > Number(zone.dataset.max)) {
    state.textContent = 'too large';
    item.className = 'failed';
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const query = `dir=${encodeURIComponent(zone.dataset.dir)}&name=${encodeURIComponent(file.name)}`;
    xhr.open('POST', `/ui/upload?${query}`);
    xhr.setRequestHeader('X-CSRF-Token', zone.dataset.csrf);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        bar.value = Math.round((100 * event.loaded) / event.total);
      }
    };
    xhr.onload = () => {
      if (xhr.status === 200) {
        bar.value = 100;
        state.textContent = JSON.parse(xhr.responseText).id;
        item.className = 'done';
        resolve(true);
      } else {
        state.textContent = messageOf(xhr);
        item.className = 'failed';
        resolve(false);
      }
    };
    xhr.onerror = () => {
      state.textContent = 'network error';
      item.className = 'failed';
      resolve(false);
    };
    xhr.send(file);
  });
}

async function uploadAll(files) {
  let ok = true;
  for (const file of files) {
    ok = (await uploadOne(file)) && ok;
  }
  if (ok) {
    progress.dataset.done = 'true';
    window.location.reload();
  } else {
    progress.dataset.done = 'failed';
  }
}

drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  uploadAll([...event.dataTransfer.files]);
});
drop.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    picker.click();
  }
});
picker.addEventListener('change', () => uploadAll([...picker.files]));
