// A file picker that sends the chosen films to the API and lists the results.
// Uses only the browser-safe entry of the SDK. ⚠️ For education and research only.
import { createClient, isNetworkError } from '@bcd-api/client';

/**
 * Renders a file input and a result list into `root`, talking to the API at `baseUrl`.
 *
 * @example
 * mountUploader(document.getElementById('app')!, 'http://localhost:7860');
 */
export function mountUploader(root: HTMLElement, baseUrl: string): void {
  const client = createClient({ baseUrl });
  const input = Object.assign(document.createElement('input'), { type: 'file', multiple: true, accept: 'image/*' });
  const status = document.createElement('p');
  const list = document.createElement('ul');
  root.append(input, status, list);

  input.addEventListener('change', async () => {
    const files = [...(input.files ?? [])];
    if (files.length === 0) return;
    status.textContent = `Classifying ${files.length} file(s)...`;
    list.replaceChildren();
    const { data, error } = await client.batchPredict(files);
    if (error) {
      status.textContent = isNetworkError(error) ? `Cannot reach ${baseUrl}.` : `Failed: ${error.message}`;
      return;
    }
    for (const item of data.results) {
      const li = document.createElement('li');
      li.textContent =
        'error' in item
          ? `${item.filename}: ${item.error}`
          : `${item.filename}: ${item.prediction} (${item.probabilities.malignant}% malignant, ${item.risk_assessment.level})`;
      list.append(li);
    }
    status.textContent = `Done: ${data.successful} classified, ${data.failed} failed. ${data.disclaimer}`;
  });
}
