// The charts' colours: the run palette as drawn in the light or the dark theme.
import { PALETTE, PALETTE_DARK } from '../runs/curves.js';

/**
 * The charts' colours in the light and the dark theme (from prefers-color-scheme).
 * tests/js/theme.test.mjs checks every palette colour at 3:1 against its background
 * and the ink at 4.5:1.
 */
export const CHART_THEMES = {
  light: { bg: '#ffffff', ink: '#5f6368', grid: '#e3e3e3', palette: PALETTE },
  dark: { bg: '#1d1f23', ink: '#b0b5bb', grid: '#3a3d42', palette: PALETTE_DARK },
};
export const darkQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
/** The theme the charts are drawn in now. */
export const chartTheme = () => (darkQuery?.matches ? CHART_THEMES.dark : CHART_THEMES.light);
/** A run colour (one of PALETTE) in the current theme; other colours as they are. */
export function themed(color) {
  const i = PALETTE.indexOf(color);
  return i >= 0 ? chartTheme().palette[i] : color;
}
