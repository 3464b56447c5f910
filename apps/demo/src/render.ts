// The page's parts that show API answers: a result card per file, the model summary and the
// service status. Every card is built at full size before its answer comes (placeholders in
// every slot), so nothing on the page moves when results arrive.
import type { ClientError } from '@bcd-api/client';
import type { HealthResponse, ModelCard, PredictionResponse } from '@bcd-api/contract';
import type { Analysis } from './api.js';
import { h } from './dom.js';
import { formatMetric, formatNumber, formatPercent, formatProbability, formatSize, inputCheckText, screeningText } from './format.js';
import { createHeatmapFigure } from './heatmap-figure.js';

/** Where a card is: waiting for its turn, sent, answered, failed, or refused as not a mammogram. */
export type CardState = 'pending' | 'working' | 'done' | 'failed' | 'refused';

const STATE_TEXT: Record<CardState, string> = {
  pending: 'Waiting',
  working: 'Analysing…',
  done: 'Done',
  failed: 'Failed',
  refused: 'Refused',
};

/** The result card of one file. */
export interface ResultCard {
  /** The `<li>` to place in the list of results. */
  element: HTMLLIElement;
  /** Marks the card as sent. */
  working(): void;
  /** Shows what became of the file. */
  show(analysis: Analysis): Promise<void>;
  /** Shows that the page itself could not show the file (`message` says why), as it shows an API error. */
  fail(message: string): void;
}

const PLACEHOLDER = '—';

/** A slot of the card: a labelled value that holds a placeholder until the answer fills it. */
function slot(label: string): { row: HTMLElement; value: HTMLElement } {
  const value = h('dd', { text: PLACEHOLDER });
  return { row: h('div', { class: 'stat' }, [h('dt', { text: label }), value]), value };
}

/** What a card shows beyond every model's fields. */
export interface CardOptions {
  /** The model has screening operating points: the card keeps a line for the category from the start. */
  screening?: boolean;
}

/**
 * Builds the card of the `index`-th file (0-based) of a batch, in the pending state.
 *
 * @example
 * const card = createResultCard(file, 0);
 * list.append(card.element);
 * await card.show(await api.analyse(file, signal));
 */
export function createResultCard(file: File, index: number, options: CardOptions = {}): ResultCard {
  const id = `card-${index + 1}`;
  const state = h('span', { class: 'state-pill', text: STATE_TEXT.pending });
  const title = h('h3', { class: 'card-title', text: file.name || `image ${index + 1}`, attrs: { id: `${id}-title`, title: file.name } });
  const figure = createHeatmapFigure(file, id);

  const label = h('strong', { class: 'verdict-label', text: PLACEHOLDER });
  const confidence = h('span', { class: 'verdict-confidence', text: 'Confidence —' });
  const verdict = h('div', { class: 'verdict' }, [h('span', { class: 'eyebrow', text: 'Prediction' }), label, confidence]);

  const swatch = h('span', { class: 'risk-swatch', attrs: { 'aria-hidden': 'true' } });
  const riskText = h('span', { class: 'risk-text', text: 'Risk level —' });
  const risk = h('p', { class: 'risk' }, [swatch, riskText]);

  // Reserved from the start when the model gives categories, so that the card does not grow.
  const screeningValue = h('span', { class: 'screening-value', text: PLACEHOLDER });
  const screeningMeaning = h('span', { class: 'screening-note', text: PLACEHOLDER });
  const screening = h('p', { class: 'screening', attrs: options.screening ? {} : { hidden: '' } }, [
    h('span', { class: 'eyebrow', text: 'Screening category' }),
    screeningValue,
    screeningMeaning,
    h('span', { class: 'screening-note', text: 'Not a BI-RADS category and not a diagnosis.' }),
  ]);

  const benignBar = h('span', { class: 'bar-benign' });
  const malignantBar = h('span', { class: 'bar-malignant' });
  const benignText = h('span', { text: `Benign ${PLACEHOLDER}` });
  const malignantText = h('span', { text: `Malignant ${PLACEHOLDER}` });
  const bar = h('div', { class: 'bar', attrs: { 'aria-hidden': 'true' } }, [benignBar, malignantBar]);
  const probabilities = h('div', { class: 'probabilities' }, [
    h('span', { class: 'eyebrow', text: 'Probabilities' }),
    bar,
    h('p', { class: 'bar-legend' }, [benignText, malignantText]),
  ]);

  const slots = {
    brightness: slot('Brightness'),
    contrast: slot('Contrast'),
    mean: slot('Mean intensity'),
    std: slot('Std intensity'),
    size: slot('Size'),
    format: slot('Format'),
  };
  const stats = h(
    'dl',
    { class: 'stats' },
    Object.values(slots).map((s) => s.row),
  );
  const peak = h('p', { class: 'peak', text: PLACEHOLDER });

  // Shown only when the server, set to INPUT_CHECK=warn, gave a verdict for an image that does not look like a mammogram.
  const inputWarningText = h('span', { class: 'input-warning-text' });
  const inputWarning = h('div', { class: 'input-warning', attrs: { role: 'note', hidden: '' } }, [
    h('span', { class: 'input-warning-icon', attrs: { 'aria-hidden': 'true' }, text: '!' }),
    h('div', {}, [h('strong', { class: 'input-warning-title', text: 'Warning: not taken for a mammogram' }), inputWarningText]),
  ]);

  const details = h('div', { class: 'details' }, [
    inputWarning,
    verdict,
    risk,
    screening,
    probabilities,
    h('span', { class: 'eyebrow', text: 'Image statistics' }),
    stats,
    peak,
  ]);
  const errorCode = h('p', { class: 'error-code' });
  const errorDetail = h('p', { class: 'error-detail' });
  const failure = alertPanel('failure', [h('span', { class: 'eyebrow', text: 'Could not analyse this file' }), errorDetail, errorCode]);

  const refusalDetail = h('p', { class: 'refusal-detail' });
  const refusalCode = h('p', { class: 'error-code' });
  // In the place of the verdict, which there is none of: the picture beside it shows what was sent.
  const refusal = alertPanel('refusal', [
    h('h4', { class: 'refusal-title', text: 'Not a mammogram' }),
    refusalDetail,
    h('p', { class: 'refusal-note', text: 'This model reads mammograms only, so it gives no verdict and no heatmap for this file.' }),
    refusalCode,
  ]);
  const text = h('div', { class: 'card-text' }, [details]);

  const element = h('li', { class: 'card', attrs: { 'data-state': 'pending', 'aria-labelledby': `${id}-title`, 'aria-busy': 'true' } }, [
    h('div', { class: 'card-head' }, [title, state]),
    h('div', { class: 'card-body' }, [figure.element, text]),
  ]);

  function setState(next: CardState): void {
    element.dataset.state = next;
    // A verdict given with an input-check warning is done, but not to be read as a plain result.
    state.textContent = next === 'done' && element.dataset.inputCheck === 'warning' ? 'Warning' : STATE_TEXT[next];
    if (next !== 'pending' && next !== 'working') element.removeAttribute('aria-busy');
  }

  function fill(data: PredictionResponse): void {
    const check = data.input_check;
    if (check.status === 'warning') {
      inputWarningText.textContent =
        check.warning ?? 'The server does not take this image for a mammogram: the verdict below means nothing.';
      inputWarning.hidden = false;
      element.dataset.inputCheck = 'warning';
    }
    label.textContent = data.prediction;
    element.dataset.prediction = data.prediction.toLowerCase();
    confidence.textContent = `Confidence ${formatProbability(data.confidence, 1)}`;
    swatch.style.backgroundColor = data.risk_assessment.color;
    riskText.textContent = data.risk_assessment.level;
    if (data.screening) {
      const { value, meaning } = screeningText(data.screening);
      screeningValue.textContent = value;
      screeningMeaning.textContent = meaning;
      screening.hidden = false;
    }
    const { benign, malignant } = data.probabilities;
    benignBar.style.width = `${benign}%`;
    malignantBar.style.width = `${malignant}%`;
    benignText.textContent = `Benign ${formatPercent(benign)}`;
    malignantText.textContent = `Malignant ${formatPercent(malignant)}`;
    const s = data.image_statistics;
    slots.brightness.value.textContent = formatPercent(s.brightness);
    slots.contrast.value.textContent = formatPercent(s.contrast);
    slots.mean.value.textContent = formatNumber(s.mean_intensity);
    slots.std.value.textContent = formatNumber(s.std_intensity);
    slots.size.value.textContent = formatSize(data.image_info.size);
    slots.format.value.textContent = data.image_info.format;
  }

  return {
    element,
    working() {
      setState('working');
    },
    async show(analysis) {
      switch (analysis.kind) {
        case 'explained': {
          const { data } = analysis;
          fill(data);
          const p = data.heatmap.peak;
          peak.textContent = `Highest region, ringed on the image: ${formatProbability(p.value)} malignant, around x ${Math.round(p.x)}, y ${Math.round(p.y)} px.`;
          await figure.showHeatmap(data.heatmap, data.image_info.size, data.image_info.format);
          setState('done');
          return;
        }
        case 'predicted': {
          const { data } = analysis;
          fill(data);
          peak.textContent = 'No heatmap: this model has no score map.';
          await figure.showWithoutHeatmap(
            data.image_info.size,
            data.image_info.format,
            'This model has no heatmap: the prediction is shown without one.',
          );
          setState('done');
          return;
        }
        case 'failed':
          showError(analysis.error.message, analysis.error.code);
          return;
        case 'refused':
          refusalDetail.textContent = analysis.error.message;
          refusalCode.textContent = `Code: ${analysis.error.code}`;
          text.append(refusal);
          await figure.showRefused();
          setState('refused');
          return;
        default:
          return assertNever(analysis);
      }
    },
    fail(message) {
      showError(message);
    },
  };

  /** The failure panel with `message` (and the API's `code`, when the API said no). */
  function showError(message: string, code?: ClientError['code']): void {
    // In the picture's place, which was reserved for it: the card keeps its size, and the
    // result's fields keep their dashes (dimmed), as there is no result.
    errorDetail.textContent = message;
    errorCode.textContent = code ? `Code: ${code}` : '';
    errorCode.hidden = !code;
    figure.showFailure(failure);
    setState('failed');
  }
}

/** A panel with a warning sign, read out as it appears (`role="alert"`): a failure in the picture's place, a refusal in the verdict's. */
function alertPanel(kind: 'failure' | 'refusal', children: HTMLElement[]): HTMLElement {
  return h('div', { class: kind, attrs: { role: 'alert' } }, [
    h('span', { class: `${kind}-icon`, attrs: { 'aria-hidden': 'true' }, text: '!' }),
    ...children,
  ]);
}

function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}

/** The model summary: fills the slots of index.html's model panel from the card. */
export function showModel(card: ModelCard, slots: ModelSlots): void {
  slots.name.textContent = card.name;
  slots.version.textContent = `v${card.version}`;
  slots.auc.textContent = formatMetric(card.evaluation.roc_auc);
  slots.data.textContent = card.training_data.name;
  slots.use.textContent = card.intended_use;
  slots.heatmap.textContent = card.score_map
    ? `Yes: a ${card.score_map.width} × ${card.score_map.height} score map`
    : 'No: this model gives no score map';
  slots.inputCheck.textContent = inputCheckText(card.input_check);
  slots.limitations.replaceChildren(...card.limitations.map((text) => h('li', { text })));
  slots.limitationsCount.textContent = String(card.limitations.length);
}

/** The elements of the model panel that {@link showModel} fills. */
export interface ModelSlots {
  name: HTMLElement;
  version: HTMLElement;
  auc: HTMLElement;
  data: HTMLElement;
  use: HTMLElement;
  heatmap: HTMLElement;
  inputCheck: HTMLElement;
  limitations: HTMLElement;
  limitationsCount: HTMLElement;
}

/** The service status line: the answer of `GET /health`, in words and a coloured dot. */
export function showHealth(status: HTMLElement, health: HealthResponse | undefined, error: ClientError | undefined): void {
  if (health) {
    status.dataset.state = health.status === 'healthy' ? 'ok' : 'bad';
    status.textContent = health.status === 'healthy' ? `Service healthy · model ${health.model_status}` : `Service ${health.status}`;
    return;
  }
  status.dataset.state = 'bad';
  status.textContent = `Service unavailable: ${error?.message ?? 'no answer'}`;
}
