// Inline styles shared by the email templates. Colours are the shop's (tailwind.config.ts): text
// stone-900 and stone-600 on white are 17:1 and 7.6:1, white on brand-700 is 5.2:1, so every
// pairing passes WCAG AA. Text is 16px (14px only for the table's column headers and the notes
// under an item); nothing relies on images or web fonts.
import type { CSSProperties } from "react";

export const colors = {
  text: "#1c1917",
  muted: "#57534e",
  border: "#e7e5e4",
  page: "#f5f5f4",
  panel: "#fafaf9",
  brand: "#c2410c",
  white: "#ffffff",
} as const;

export const fontFamily =
  '-apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';

export const body: CSSProperties = {
  backgroundColor: colors.page,
  margin: 0,
  padding: "24px 0",
  fontFamily,
};

export const container: CSSProperties = {
  backgroundColor: colors.white,
  maxWidth: "600px",
  margin: "0 auto",
  padding: "32px 24px",
  border: `1px solid ${colors.border}`,
  borderRadius: "8px",
  color: colors.text,
  fontFamily,
};

export const logo: CSSProperties = {
  fontSize: "20px",
  lineHeight: "28px",
  fontWeight: 700,
  color: colors.brand,
  margin: "0 0 24px",
};

export const h1: CSSProperties = {
  fontSize: "26px",
  lineHeight: "34px",
  fontWeight: 700,
  color: colors.text,
  margin: "0 0 16px",
};

export const h2: CSSProperties = {
  fontSize: "20px",
  lineHeight: "28px",
  fontWeight: 700,
  color: colors.text,
  margin: "32px 0 12px",
};

export const h3: CSSProperties = {
  fontSize: "18px",
  lineHeight: "26px",
  fontWeight: 700,
  color: colors.text,
  margin: "0 0 8px",
};

export const text: CSSProperties = {
  fontSize: "16px",
  lineHeight: "24px",
  color: colors.text,
  margin: "0 0 16px",
};

export const muted: CSSProperties = { ...text, color: colors.muted };

export const strong: CSSProperties = { fontWeight: 700 };

export const button: CSSProperties = {
  backgroundColor: colors.brand,
  color: colors.white,
  fontSize: "16px",
  lineHeight: "24px",
  fontWeight: 700,
  textDecoration: "none",
  borderRadius: "8px",
  padding: "12px 24px",
  display: "inline-block",
};

export const link: CSSProperties = {
  color: colors.brand,
  textDecoration: "underline",
  wordBreak: "break-all",
};

export const hr: CSSProperties = {
  borderColor: colors.border,
  borderTopWidth: "1px",
  margin: "32px 0 24px",
};

export const footer: CSSProperties = {
  fontSize: "16px",
  lineHeight: "24px",
  color: colors.muted,
  margin: "0 0 8px",
};

export const panel: CSSProperties = {
  backgroundColor: colors.panel,
  border: `1px solid ${colors.border}`,
  borderRadius: "8px",
  padding: "16px",
  margin: "0 0 16px",
};

export const table: CSSProperties = {
  width: "100%",
  borderCollapse: "collapse",
  fontSize: "16px",
  lineHeight: "24px",
  color: colors.text,
};

const cell: CSSProperties = {
  padding: "10px 0",
  borderBottom: `1px solid ${colors.border}`,
  verticalAlign: "top",
};

export const th: CSSProperties = {
  ...cell,
  fontSize: "14px",
  fontWeight: 700,
  color: colors.muted,
  textAlign: "left",
};
export const thNumber: CSSProperties = {
  ...th,
  textAlign: "right",
  paddingLeft: "12px",
  whiteSpace: "nowrap",
};
export const td: CSSProperties = { ...cell, textAlign: "left" };
export const tdNumber: CSSProperties = {
  ...cell,
  textAlign: "right",
  paddingLeft: "12px",
  whiteSpace: "nowrap",
};
export const itemNote: CSSProperties = {
  fontSize: "14px",
  lineHeight: "20px",
  color: colors.muted,
};

const sumCell: CSSProperties = { padding: "6px 0", verticalAlign: "top" };
export const sumLabel: CSSProperties = { ...sumCell, textAlign: "left", fontWeight: 400 };
export const sumValue: CSSProperties = {
  ...sumCell,
  textAlign: "right",
  paddingLeft: "12px",
  whiteSpace: "nowrap",
};
export const sumSubLabel: CSSProperties = {
  ...sumLabel,
  padding: "0 0 6px 16px",
  fontSize: "14px",
  lineHeight: "20px",
  color: colors.muted,
};
export const sumSubValue: CSSProperties = {
  ...sumValue,
  padding: "0 0 6px 12px",
  fontSize: "14px",
  lineHeight: "20px",
  color: colors.muted,
};
export const totalLabel: CSSProperties = {
  ...sumLabel,
  paddingTop: "12px",
  borderTop: `2px solid ${colors.text}`,
  fontSize: "18px",
  fontWeight: 700,
};
export const totalValue: CSSProperties = {
  ...sumValue,
  paddingTop: "12px",
  borderTop: `2px solid ${colors.text}`,
  fontSize: "18px",
  fontWeight: 700,
};
