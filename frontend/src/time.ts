// Local time in the web app. The API sends instants in UTC plus a zone name (the round's, or the
// account's); everything shown here is in that zone, never silently in the browser's. Forms send a
// wall-clock time ("2026-12-02T10:00") with the zone and the server reads it there (it refuses a
// time the clocks skip or repeat, and the form shows that next to the field).

/** The browser's IANA zone, as sign-up sends it. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** Every zone the browser knows, for the zone pickers (the server accepts these and more). */
export function zoneNames(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: "timeZone") => string[] };
  const names = typeof intl.supportedValuesOf === "function" ? intl.supportedValuesOf("timeZone") : [];
  return names.includes("UTC") ? names : ["UTC", ...names];
}

const formats = new Map<string, Intl.DateTimeFormat>();

// One formatter per zone and style. A zone the browser does not know (a rare tzdata link) falls
// back to UTC, labelled as such, rather than to the browser's own zone.
function formatter(zone: string, style: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${style}`;
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });
    } catch {
      format = new Intl.DateTimeFormat(undefined, { ...options, timeZone: "UTC" });
    }
    formats.set(key, format);
  }
  return format;
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
};

/** "Wed, Dec 2, 10:00 AM GMT+1": an instant as the clock in `zone` shows it, with the zone. */
export function formatDateTime(iso: string | null | undefined, zone: string): string {
  return iso ? formatter(zone, "date-time", DATE_TIME).format(new Date(iso)) : "Not scheduled";
}

/** "Wednesday, December 2, 2026 at 10:00 AM GMT+1": the round's own line. */
export function formatWhen(iso: string, zone: string): string {
  return formatter(zone, "when", { dateStyle: "full", timeStyle: "short" }).format(new Date(iso)) + ` ${zoneShort(iso, zone)}`;
}

/** "10:00 AM" in `zone`, for schedules whose zone is said once above them. */
export function formatTime(iso: string, zone: string): string {
  return formatter(zone, "time", { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

/** "Dec 2, 2026": the day of an instant where `zone` is. */
export function formatDay(iso: string, zone: string): string {
  return formatter(zone, "day", { day: "numeric", month: "short", year: "numeric" }).format(new Date(iso));
}

/** The zone's short name at that instant in the reader's language: "CET", "GMT+1", "EST". */
export function zoneShort(iso: string, zone: string): string {
  const parts = formatter(zone, "zone", { timeZoneName: "short" }).formatToParts(new Date(iso));
  return parts.find((p) => p.type === "timeZoneName")?.value ?? zone;
}

/** The round's line: "Wednesday, 2 December 2026 at 10:00 CET (Europe/Berlin)", the zone named as
 * the pickers name it (an abbreviation alone is ambiguous: CST, IST); UTC needs no second name. */
export function formatWhenWithZone(iso: string, zone: string): string {
  const when = formatWhen(iso, zone);
  return zone === "UTC" || zone === "Etc/UTC" ? when : `${when} (${zone})`;
}

function partsIn(date: Date, zone: string): Record<string, string> {
  const format = formatter(zone, "parts", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
}

/** A `datetime-local` value ("2026-12-02T10:00") for an instant, on the clock in `zone`. */
export function toZoneInput(iso: string | null | undefined, zone: string): string {
  if (!iso) return "";
  const p = partsIn(new Date(iso), zone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Today (YYYY-MM-DD) where `zone` is: follow-ups come due by the account's calendar. */
export function todayIn(zone: string, now: Date = new Date()): string {
  const p = partsIn(now, zone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The same instant on your own clock (the account's zone) when it reads differently there: a remote
 * round in another zone shows "04:00 EST your time (America/New_York)" beside its own time (the day
 * too when it differs); null when the two clocks agree. */
export function yourTime(iso: string, roundZone: string, ownZone: string | undefined): string | null {
  if (!ownZone || ownZone === roundZone) return null;
  const there = partsIn(new Date(iso), roundZone);
  const here = partsIn(new Date(iso), ownZone);
  if (there.hour === here.hour && there.minute === here.minute && there.day === here.day) return null;
  const sameDay = there.year === here.year && there.month === here.month && there.day === here.day;
  const time = sameDay ? `${formatTime(iso, ownZone)} ${zoneShort(iso, ownZone)}` : formatDateTime(iso, ownZone);
  return `${time} your time (${ownZone})`;
}

/** "04:00" on your own clock, for a schedule whose zone differs from yours; null when they agree. */
export function yourClock(iso: string, roundZone: string, ownZone: string | undefined): string | null {
  if (!ownZone || ownZone === roundZone) return null;
  const there = partsIn(new Date(iso), roundZone);
  const here = partsIn(new Date(iso), ownZone);
  if (there.hour === here.hour && there.minute === here.minute) return null;
  return formatTime(iso, ownZone);
}
