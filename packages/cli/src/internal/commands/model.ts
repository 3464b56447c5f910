import type { ModelCard } from '@bcd-api/contract';
import type { Command } from '../command.js';
import { EXIT } from '../exit-status.js';
import { formatRecord } from '../format.js';

/** `bcd-api model`: the served model's card, one line a field (the whole card with `--format json`). */
export const model: Command = {
  name: 'model',
  usage: { line: 'model', about: ["the served model's card"] },
  options: [],
  async run(_args, { api, io }) {
    const { client, baseUrl, format } = api();
    const { data, error } = await client.model();
    if (error) {
      io.stderr.write(`bcd-api: could not read the model card from ${baseUrl}: ${error.message}\n`);
      return EXIT.failed.code;
    }
    io.stdout.write(formatRecord(summary(data), format, data));
    return EXIT.ok.code;
  },
};

/** The card's fields that a person reads, each on one line. */
function summary(card: ModelCard): Record<string, string | number> {
  const auc = card.evaluation.roc_auc;
  const check = card.input_check;
  const { input } = card;
  return {
    name: card.name,
    version: card.version,
    sha256: card.sha256,
    engine: card.engine,
    input: `${input.width}x${input.height}x${input.channels} ${input.color} ${input.layout} ${input.scaling}, ${input.preprocessing} preprocessing`,
    decision_threshold: card.decision_threshold,
    input_check: `${check.mode}: ${check.checks.map((c) => c.check).join(', ')}${check.typicality ? `, typicality (${check.typicality.method}, threshold ${check.typicality.threshold})` : ', no typicality check'}`,
    roc_auc: `${auc.value}${auc.ci95 ? ` (95% CI ${auc.ci95[0]}-${auc.ci95[1]})` : ''}`,
    training_data: card.training_data.name,
    licence: card.training_data.licence,
    evaluation: card.evaluation.protocol,
    intended_use: card.intended_use,
    disclaimer: card.disclaimer,
  };
}
