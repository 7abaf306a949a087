/*
 * Timestamps in Wait states and Choice rules: "an RFC3339 profile of ISO 8601, with the further
 * restrictions that an uppercase T character MUST be used to separate date and time, and an
 * uppercase Z character MUST be present in the absence of a numeric time zone offset"
 * (https://states-language.net/spec.html#timestamps; AWS "Wait workflow state",
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html).
 */

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/** What is wrong with a timestamp, or undefined when it is valid. */
export function checkTimestamp(text: string): string | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}[ t]\d{2}:\d{2}/.test(text)) {
      return 'date and time must be separated by an uppercase T';
    }
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(text)) {
      return 'it has no time zone: end it with Z or an offset such as +02:00';
    }
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?z$/.test(text)) {
      return 'the Z must be uppercase';
    }
    return 'it is not of the form YYYY-MM-DDThh:mm:ssZ';
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12) {
    return `there is no month ${month}`;
  }
  if (day < 1 || day > days[month - 1]) {
    return `there is no day ${day} in month ${month} of ${year}`;
  }
  if (hour > 23 || minute > 59 || second > 60) {
    return `${m[4]}:${m[5]}:${m[6]} is not a time of day`;
  }
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) {
    return `${m[8]} is not a time zone offset`;
  }
  return undefined;
}
