// Amounts come as decimal text ("72000.00"); shown with grouping, in their own currency.
export const periodLabel: Record<string, string> = { year: "a year", month: "a month", week: "a week", hour: "an hour" };

export function money(amount: string | null | undefined, currency: string): string {
  if (amount == null) return "";
  const n = Number(amount);
  const digits = Number.isInteger(n) ? 0 : 2;
  return `${new Intl.NumberFormat(undefined, { minimumFractionDigits: digits, maximumFractionDigits: 2 }).format(n)} ${currency}`;
}
