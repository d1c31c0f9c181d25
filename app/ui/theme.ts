import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** Bitrix24 design tokens (bitrix24/b24ui air-design-tokens) that Kontor's look is built from. */
export const B24_TOKENS = {
  accent: '#0075ff',
  link: '#2066b0',
  text: '#333333',
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
} as const;

// Shades around the accent; index 6 is the token itself so `primaryShade: 6` paints buttons #0075ff.
const b24Blue: MantineColorsTuple = [
  '#e5f1ff',
  '#cde2ff',
  '#9ac3ff',
  '#64a3ff',
  '#3888ff',
  '#1a7aff',
  '#0075ff',
  '#0066e4',
  '#005acc',
  '#004db5',
];

/** The one Mantine theme of the app (light and dark share it; the resolver below sets text and link colours). */
export const theme = createTheme({
  colors: { b24Blue },
  primaryColor: 'b24Blue',
  primaryShade: { light: 6, dark: 5 },
  fontFamily: B24_TOKENS.fontFamily,
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  // Bitrix24 uses 15 / 14 / 13 / 12 px with 14 px the default (`md`).
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '15px', xl: '15px' },
  lineHeights: { xs: '1.4', sm: '1.45', md: '1.5', lg: '1.5', xl: '1.5' },
  headings: {
    fontFamily: B24_TOKENS.fontFamily,
    fontWeight: '600',
    sizes: {
      h1: { fontSize: '22px', lineHeight: '1.3' },
      h2: { fontSize: '18px', lineHeight: '1.35' },
      h3: { fontSize: '16px', lineHeight: '1.4' },
      h4: { fontSize: '15px', lineHeight: '1.4' },
      h5: { fontSize: '14px', lineHeight: '1.45' },
      h6: { fontSize: '13px', lineHeight: '1.45' },
    },
  },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    Text: { defaultProps: { size: 'md' } },
  },
});

/** Text #333 and links #2066b0 in light; readable equivalents in dark. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-text': B24_TOKENS.text,
    '--mantine-color-anchor': B24_TOKENS.link,
  },
  dark: {
    '--mantine-color-anchor': '#7db3ff',
  },
});

export type ColorScheme = 'light' | 'dark';

/**
 * The portal does not tell an app its theme in the init data, so we follow the one hint we have — the
 * user option `kontor.theme` — and otherwise stay light, as Bitrix24's own default is.
 */
export function colorSchemeFor(userOptions: Record<string, unknown>): ColorScheme {
  return userOptions['kontor.theme'] === 'dark' ? 'dark' : 'light';
}
