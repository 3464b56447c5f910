// The demo page: wires index.html's static shell to the API. Files chosen or dropped go one
// POST /explain each, two at a time; each card fills in as its answer arrives, and the page
// yields to the browser between cards so that it stays responsive through a batch.
import { mapWithConcurrency } from '@bcd-api/client';
import { MAX_BATCH_FILES } from '@bcd-api/contract';
import { type Analysis, createDemoApi, needsKey } from './api.js';
import { byId } from './dom.js';
import { progressText, skippedText, splitSelection } from './format.js';
import { createResultCard, type ResultCard, showHealth, showModel } from './render.js';
import { yieldToBrowser } from './yield-to-browser.js';

/** Requests in flight at once: results arrive steadily without crowding the server's queue. */
const CONCURRENCY = 2;

const api = createDemoApi(location.origin);

const page = {
  status: byId('service-status', HTMLElement),
  modelPanel: byId('model-panel', HTMLElement),
  keyForm: byId('key-form', HTMLFormElement),
  keyInput: byId('api-key', HTMLInputElement),
  keyMessage: byId('key-message', HTMLElement),
  dropzone: byId('dropzone', HTMLLabelElement),
  input: byId('file-input', HTMLInputElement),
  skipped: byId('skipped', HTMLElement),
  results: byId('results', HTMLElement),
  progress: byId('progress', HTMLProgressElement),
  progressText: byId('progress-text', HTMLElement),
  cards: byId('cards', HTMLOListElement),
  announcer: byId('announcer', HTMLElement),
};

const modelSlots = {
  name: byId('model-name', HTMLElement),
  version: byId('model-version', HTMLElement),
  auc: byId('model-auc', HTMLElement),
  data: byId('model-data', HTMLElement),
  use: byId('model-use', HTMLElement),
  heatmap: byId('model-heatmap', HTMLElement),
  inputCheck: byId('model-input-check', HTMLElement),
  limitations: byId('model-limitations', HTMLElement),
  limitationsCount: byId('model-limitations-count', HTMLElement),
};

/** Says `text` to screen readers (the polite live region). */
function announce(text: string): void {
  page.announcer.textContent = text;
}

// --- The API key, when the server asks for one ---------------------------------------------

/** Calls waiting for a key; each resolves once one has been entered. */
let keyWaiters: Array<() => void> = [];

function askForKey(message: string): void {
  page.keyMessage.textContent = `${message} Enter a key to go on: it stays in this page's memory and is sent only to this server.`;
  if (page.keyForm.hidden) {
    page.keyForm.hidden = false;
    page.keyInput.focus();
  }
}

function keyEntered(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    keyWaiters.push(resolve);
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

page.keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = page.keyInput.value.trim();
  if (!key) return;
  api.useKey(key);
  page.keyInput.value = '';
  page.keyForm.hidden = true;
  const waiters = keyWaiters;
  keyWaiters = [];
  void loadModel().then(() => {
    for (const resolve of waiters) resolve();
  });
});

// --- Service status and model card ----------------------------------------------------------

async function loadHealth(): Promise<void> {
  const { data, error } = await api.health();
  showHealth(page.status, data, error);
}

/** Whether the served model gives screening categories: its cards keep a line for one. */
let modelScreens = false;

async function loadModel(): Promise<void> {
  const { data, error } = await api.model();
  if (data) {
    showModel(data, modelSlots);
    modelScreens = data.screening !== undefined;
    page.modelPanel.removeAttribute('aria-busy');
    return;
  }
  if (needsKey(error)) {
    modelSlots.name.textContent = 'Needs an API key';
    askForKey(error.message);
    return;
  }
  modelSlots.name.textContent = `Model card unavailable: ${error.message}`;
  page.modelPanel.removeAttribute('aria-busy');
}

// --- A batch ---------------------------------------------------------------------------------

let batch: AbortController | undefined;

async function analyseFiles(files: File[]): Promise<void> {
  if (files.length === 0) return;
  batch?.abort();
  const controller = new AbortController();
  batch = controller;
  const { signal } = controller;

  const { sent, skipped } = splitSelection(files, MAX_BATCH_FILES);
  page.skipped.hidden = skipped.length === 0;
  page.skipped.textContent =
    skipped.length > 0
      ? skippedText(
          files.length,
          MAX_BATCH_FILES,
          skipped.map((f) => f.name),
        )
      : '';

  const cards = sent.map((file, index) => createResultCard(file, index, { screening: modelScreens }));
  page.cards.replaceChildren(...cards.map((card) => card.element));
  page.results.hidden = false;
  let done = 0;
  let failed = 0;
  let refused = 0;
  const showProgress = (): void => {
    page.progress.max = sent.length;
    page.progress.value = done;
    page.progressText.textContent = progressText(done, sent.length, failed, refused);
    page.results.dataset.progress = done === sent.length ? 'complete' : 'running';
  };
  showProgress();
  announce(`Analysing ${sent.length} ${sent.length === 1 ? 'image' : 'images'}.`);

  await mapWithConcurrency(sent, CONCURRENCY, async (file, index) => {
    const card = cards[index];
    if (!card || signal.aborted) return;
    let said: string;
    try {
      const analysis = await analyseOne(file, card, signal);
      if (!analysis) return;
      if (analysis.kind === 'failed') failed++;
      if (analysis.kind === 'refused') refused++;
      said = describeAnalysis(file, analysis);
    } catch (error) {
      // A fault of the page itself (an image too large for this browser's canvas, say): told on
      // its card like an API error, so that one file cannot stop the batch or leave a card spinning.
      const reason = error instanceof Error ? error.message : String(error);
      card.fail(`This page could not show ${file.name}: ${reason}`);
      failed++;
      said = `${file.name}: failed, ${reason}`;
    }
    done++;
    showProgress();
    announce(`${said}. ${progressText(done, sent.length, failed, refused)}.`);
    // A turn for input and paint before the next card is drawn.
    await yieldToBrowser();
  });
}

/** Sends `file` (waiting for an API key when the server asks for one) and shows the answer on `card`; undefined once the batch is dropped. */
async function analyseOne(file: File, card: ResultCard, signal: AbortSignal): Promise<Analysis | undefined> {
  card.working();
  for (;;) {
    const keys = api.keysEntered;
    const analysis = await api.analyse(file, signal);
    if (signal.aborted) return undefined;
    if (analysis.kind !== 'failed' || !needsKey(analysis.error)) {
      await card.show(analysis);
      return analysis;
    }
    // Refused for want of a key: wait for one, unless one came while this request was out.
    if (api.keysEntered === keys) {
      askForKey(analysis.error.message);
      await keyEntered(signal);
    }
  }
}

/** One file's outcome, as the live region says it. */
function describeAnalysis(file: File, analysis: Analysis): string {
  switch (analysis.kind) {
    case 'failed':
      return `${file.name}: failed, ${analysis.error.message}`;
    case 'refused':
      return `${file.name}: refused, ${analysis.error.message}`;
    default: {
      const { data } = analysis;
      const warning = data.input_check.status === 'warning' ? ', with a warning: it does not look like a mammogram' : '';
      return `${file.name}: ${data.prediction}, ${data.risk_assessment.level}${warning}`;
    }
  }
}

// --- Choosing and dropping files ------------------------------------------------------------

page.input.addEventListener('change', () => {
  const files = Array.from(page.input.files ?? []);
  // Cleared so that choosing the same files again starts a new batch.
  page.input.value = '';
  void analyseFiles(files);
});

for (const type of ['dragenter', 'dragover'] as const) {
  page.dropzone.addEventListener(type, (event) => {
    event.preventDefault();
    page.dropzone.dataset.drag = 'over';
  });
}
for (const type of ['dragleave', 'dragend'] as const) {
  page.dropzone.addEventListener(type, () => {
    delete page.dropzone.dataset.drag;
  });
}
page.dropzone.addEventListener('drop', (event) => {
  event.preventDefault();
  delete page.dropzone.dataset.drag;
  void analyseFiles(Array.from(event.dataTransfer?.files ?? []));
});
// A file dropped beside the zone would otherwise replace the page with the image.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (event) => event.preventDefault());
}

void loadHealth();
void loadModel();
