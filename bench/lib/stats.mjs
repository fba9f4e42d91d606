// Small, dependency-free statistics for the harness: the median of the round medians is the
// figure a table shows, and the spread is how far the rounds disagreed about it.

/** median returns the middle of `values` (the mean of the two middles for an even count). */
export function median(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * spread is half the range of `values` relative to their median: ±3% means the rounds lay within
 * 3% of the median either way. Half-range rather than a standard deviation because three to five
 * rounds are too few for a standard deviation to mean much.
 */
export function spread(values) {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length < 2) return Number.NaN;
  return (Math.max(...finite) - Math.min(...finite)) / 2 / Math.abs(median(finite));
}

/**
 * chiSquareUniform tests observed counts against a uniform distribution. The p-value uses the
 * closed forms of the chi-square survival function for 1 to 4 degrees of freedom (select over
 * up to five cases), which need no gamma function.
 */
export function chiSquareUniform(counts) {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const expected = total / counts.length;
  const statistic = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
  const freedom = counts.length - 1;
  return { statistic, freedom, p: chiSquareSurvival(statistic, freedom) };
}

function chiSquareSurvival(x, freedom) {
  const half = x / 2;
  if (freedom === 2) return Math.exp(-half);
  if (freedom === 4) return Math.exp(-half) * (1 + half);
  const tail = erfc(Math.sqrt(half));
  if (freedom === 1) return tail;
  if (freedom === 3) return tail + Math.sqrt((2 * x) / Math.PI) * Math.exp(-half);
  throw new RangeError(`chi-square survival implemented for 1 to 4 degrees of freedom, got ${freedom}`);
}

// Abramowitz and Stegun 7.1.26: absolute error below 1.5e-7, plenty for a p-value threshold.
function erfc(z) {
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * Math.exp(-z * z);
}
