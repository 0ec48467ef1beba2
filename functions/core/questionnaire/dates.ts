// Dates as the page's date input gives them: yyyy-mm-dd (the HTML value format), a real day.

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether yyyy-mm-dd names a day of the calendar (no 2025-02-30). */
export function isCalendarDate(text: string): boolean {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}
