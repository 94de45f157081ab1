// Numbers for humans: counts with separators, durations in d/h/min, percentages, dates.

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** 262200 → "262,200". */
export function count(value) {
  return Number.isFinite(value) ? integer.format(value) : "—";
}

/** 0.4231 → "42.3 %". */
export function percent(fraction, digits = 1) {
  if (!Number.isFinite(fraction)) return "—";
  return `${(fraction * 100).toFixed(digits)} %`;
}

/** Seconds → "3 d 4 h", "5 h 12 min", "42 min", "18 s". */
export function duration(seconds) {
  if (!Number.isFinite(seconds)) return "—";
  const negative = seconds < 0;
  let s = Math.abs(seconds);
  const days = Math.floor(s / 86400); s -= days * 86400;
  const hours = Math.floor(s / 3600); s -= hours * 3600;
  const minutes = Math.floor(s / 60); s -= minutes * 60;
  let text;
  if (days > 0) text = hours > 0 ? `${integer.format(days)} d ${hours} h` : `${integer.format(days)} d`;
  else if (hours > 0) text = minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  else if (minutes > 0) text = `${minutes} min`;
  else text = `${decimal.format(s)} s`;
  return negative ? `−${text}` : text;
}

/** An ISO 8601 timestamp → "5 Dec 2026, 07:12" in the viewer's time zone. */
export function dateTime(iso) {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** Bytes → "1.2 MB". */
export function bytes(value) {
  if (!Number.isFinite(value)) return "—";
  const units = ["B", "KB", "MB", "GB"];
  let index = 0, amount = value;
  while (amount >= 1024 && index < units.length - 1) { amount /= 1024; index += 1; }
  return `${index === 0 ? amount : decimal.format(amount)} ${units[index]}`;
}

/** A signed number of seconds as "+3 h" / "−12 min" (for SHAP contributions in seconds). */
export function signedDuration(seconds) {
  if (!Number.isFinite(seconds)) return "—";
  return seconds >= 0 ? `+${duration(seconds)}` : duration(seconds);
}
