// The page's one number formatter: counts, percentages and measured figures,
// the same in both languages, with '–' for a figure not there yet. Not with
// Intl: the browser's first Intl object loads its locale data, 10-20 ms of the
// main thread.

const MISSING = '–';

/** A whole number with thousands separators (12,345). */
export function formatCount(n) {
  if (n == null) return MISSING;
  const s = String(Math.round(Math.abs(n)));
  return `${n < 0 && s !== '0' ? '-' : ''}${s.replace(/\B(?=(\d{3})+$)/g, ',')}`;
}

/** A share as a percentage: 0.9765 -> "97.7%" (or "97.65%" with digits = 2). */
export function formatPercent(v, digits = 1) {
  return v == null || Number.isNaN(v) ? MISSING : `${(100 * v).toFixed(digits)}%`;
}

/** A measured figure: three decimals, or exponent notation below 0.001 ("2.50e-5"). */
export function formatNumber(v) {
  if (v == null || Number.isNaN(v)) return MISSING;
  return Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(3) : v.toExponential(2);
}

/**
 * A figure with a fixed number of decimals and a unit ("1.25 s"). A positive
 * figure that would round to zero says so: "< 0.01 ms", not "0.00 ms".
 */
export function formatFixed(v, digits, unit = '') {
  if (v == null || Number.isNaN(v)) return MISSING;
  const step = 10 ** -digits;
  if (v > 0 && v < step / 2) return `< ${step.toFixed(digits)}${unit}`;
  return `${v.toFixed(digits)}${unit}`;
}
