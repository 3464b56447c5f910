// Classify local files with the SDK and turn each outcome into a line for a person.
// ⚠️ For education and research only: never use the output for a medical decision.
import { createClient, isApiError, isNetworkError, type NodeFileInput } from '@bcd-api/client/node';

/**
 * Classifies `files` (paths, Buffers, Files...) on the API at `baseUrl` and returns one line
 * per file, or a single line saying why nothing could be classified.
 *
 * @example
 * for (const line of await classifyFiles('http://localhost:7860', ['mdb001.png'])) console.log(line);
 */
export async function classifyFiles(baseUrl: string, files: NodeFileInput[]): Promise<string[]> {
  const client = createClient({ baseUrl, timeoutMs: 30_000, retries: 2 });

  const health = await client.health();
  if (health.error) {
    if (isNetworkError(health.error)) return [`The API at ${baseUrl} cannot be reached: ${health.error.message}`];
    return [`The API is not ready: ${health.error.message}`];
  }

  // Any number of files: the SDK sends them 10 per request and merges the answers in order.
  const { data, error } = await client.batchPredict(files, { concurrency: 2 });
  if (error) {
    return [
      isApiError(error)
        ? `HTTP ${error.status} ${error.code}: ${error.detail} (request ${error.requestId})`
        : `${error.name}: ${error.message}`,
    ];
  }
  const lines = data.results.map((item) =>
    'error' in item
      ? `${item.filename}: not classified (${item.code}): ${item.error}`
      : `${item.filename}: ${item.prediction} ${(item.confidence * 100).toFixed(1)}% - ${item.risk_assessment.icon} ${item.risk_assessment.level}`,
  );
  lines.push(`${data.successful} of ${data.total_images} classified: ${data.summary.benign} Benign, ${data.summary.malignant} Malignant.`);
  lines.push(data.disclaimer);
  return lines;
}
