/** `2026-11-27 07:23 UTC`: readable, unambiguous, and the same on every machine. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '-';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Metrics print with up to four significant decimals and no float noise. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '-';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

export function formatSigned(value: number | undefined): string {
  if (value === undefined) return '-';
  return value > 0 ? `+${formatNumber(value)}` : formatNumber(value);
}

export function orDash(value: string | number | undefined | null): string {
  return value === undefined || value === null || value === '' ? '-' : String(value);
}
