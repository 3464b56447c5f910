// Long work on the page (drawing a card, sampling a large canvas) goes in slices with a turn for
// the browser between them, so that input and paint are not held up through a batch.

/** Gives the browser a turn (input, paint) before long work goes on. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
