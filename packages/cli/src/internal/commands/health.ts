import type { Command } from '../command.js';
import { EXIT } from '../exit-status.js';
import { formatRecord } from '../format.js';

/** `bcd-api health`: the service's and the model's status; 1 when the server is unhealthy or out of reach. */
export const health: Command = {
  name: 'health',
  usage: { line: 'health', about: ['service and model status'] },
  options: [],
  async run(_args, { api, io }) {
    const { client, baseUrl, format } = api();
    const { data, error } = await client.health();
    if (error) {
      const body = error.name !== 'NetworkError' && 'body' in error ? error.body : undefined;
      io.stderr.write(`bcd-api: ${baseUrl} is not healthy: ${error.message}\n`);
      if (body && typeof body === 'object') io.stdout.write(formatRecord(body as Record<string, string>, format, body));
      return EXIT.failed.code;
    }
    io.stdout.write(formatRecord({ ...data, url: baseUrl }, format, data));
    return EXIT.ok.code;
  },
};
