/** Text people type or paste, and bodies servers send, at their worst. */
import fc from 'fast-check';

/** Characters that break naive handling: controls, invisibles, direction overrides, odd spaces, broken surrogates. */
export const SPECIAL_CHARS = [
  '\u0000', '\u0007', '\b', '\t', '\n', '\r', '\u000b', '\f', '\u001b', '\u007f', '\u0085', // C0/C1 controls, NEL
  '\u00a0', '\u2028', '\u2029', '\u3000', '\u1680', '\u202f', // spaces and separators
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', // zero-width and soft hyphen
  '\u202e', '\u202d', '\u2066', '\u2067', '\u2069', '\u200f', '\u061c', // bidi overrides, isolates, RLM, ALM
  '\ud800', '\udfff', // lone surrogates
  '\u0301', '\ufffd', '"', "'", '\\', '<', '>', '@', ',', ';', '%', '/', '?', '#', '&',
];

const RTL_SAMPLES = ['סביבת עבודה', 'مساحة العمل', 'ada@مثال.اختبار', 'שלום@example.com', '\u202eevil.exe', 'abc\u202efdp.exe'];

/** Fixed examples every property sees at least once (fast-check `examples` are not used so counts stay honest). */
export const NASTY_SAMPLES: readonly string[] = [
  '',
  ' ',
  '   \t  ',
  '\n',
  '\r\n',
  '\u200b',
  '\u200b\u200c\u200d\ufeff',
  '\u00a0\u3000',
  'a'.repeat(10_000),
  '1'.repeat(10_000),
  `${'x'.repeat(9_990)}@acme.test`,
  `ada@${'b'.repeat(9_990)}.test`,
  ...RTL_SAMPLES,
  'ada\u200b@acme.test',
  '\u200bada@acme.test',
  'ada@acme\u200b.test',
  'ada@acme.test\u200b',
  'ada@acme.test\n',
  'ada@\nacme.test',
  'ada\u0000@acme.test',
  'ada\u202e@acme.test',
  'ME',
  'me\u200b',
  '12345\u200b',
  '١٢٣٤٥', // Arabic-Indic digits: not an Asana gid
  '１２３', // full-width digits
  '12345678901234567890123456789012345',
  '-1',
  '1e5',
  '0x10',
  'Ada Lovelace <ada@acme.test>',
  'a@b.c',
  '"ada"@acme.test',
  'ada@acme..test',
  '\ud800@acme.test',
  'Acme\u0000Corp',
  'Acme\nCorp',
  'Acme\u2028Corp',
  '\u202e\u202d',
  '👩‍👩‍👧‍👦',
];

/** A string built from pieces: ordinary text with specials, RTL, huge runs, spliced in anywhere. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_SAMPLES) },
  {
    weight: 5,
    arbitrary: fc
      .array(
        fc.oneof(
          { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
          { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_CHARS) },
          { weight: 1, arbitrary: fc.constantFrom(...RTL_SAMPLES) },
          { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
          { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
          { weight: 1, arbitrary: fc.constantFrom('@', '@acme.test', 'ada@acme.test', '1200000000000001', 'me') },
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', '1', ' ', '\u200b', 'ש'), fc.integer({ min: 1_000, max: 10_000 })).map(([c, n]) => c.repeat(n)) },
);

/** A string that looks like an email address, with a special character spliced in somewhere. */
export const spoiledEmail: fc.Arbitrary<string> = fc
  .tuple(fc.emailAddress(), fc.constantFrom(...SPECIAL_CHARS), fc.nat())
  .map(([email, special, at]) => {
    const i = at % (email.length + 1);
    return `${email.slice(0, i)}${special}${email.slice(i)}`;
  });

/** Strings where an API would send strings: huge, unicode, controls. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  nastyString,
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'é'.repeat(n)),
);

/** Any JSON value, with unicode in keys and strings. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' });

/** Values of the wrong type for a field that should be a string or boolean. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
);

/** True when the string holds a lone surrogate (broken UTF-16). */
export function hasLoneSurrogate(text: string): boolean {
  return /\p{Cs}/u.test(text);
}

// --- Records that are valid for the client's schemas, with hostile strings where Asana puts names and emails.

/** Asana gids: digit strings, some beyond 2^53. */
export const gidText: fc.Arbitrary<string> = fc.bigInt({ min: 1n, max: 10n ** 20n }).map(String);
/** What a hostile server puts where a gid belongs: anything but digits (the schema refuses it). */
export const hostileGid: fc.Arbitrary<string> = hostileText.filter((s) => !/^\d{1,32}$/.test(s));

const day = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });
/** ISO 8601 date and time, as Asana writes `created_at` (with or without milliseconds, Z or an offset). */
export const isoDateTime: fc.Arbitrary<string> = fc.oneof(
  day.map((d) => d.toISOString()),
  day.map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z')),
  day.map((d) => d.toISOString().replace(/Z$/, '+00:00')),
);
/** ISO 8601 calendar date, as Asana writes `vacation_dates`. */
export const isoDate: fc.Arbitrary<string> = day.map((d) => d.toISOString().slice(0, 10));

const name = hostileText;
export const workspace: fc.Arbitrary<Record<string, unknown>> = fc.record({
  gid: gidText,
  name,
  is_organization: fc.boolean(),
  email_domains: fc.array(hostileText, { maxLength: 3 }),
});
export const userCompact: fc.Arbitrary<Record<string, unknown>> = fc.record({ gid: gidText, name });
export const membership: fc.Arbitrary<Record<string, unknown>> = fc.record({
  gid: gidText,
  user: userCompact,
  workspace: userCompact,
  is_active: fc.boolean(),
  is_admin: fc.boolean(),
  is_guest: fc.boolean(),
  is_view_only: fc.boolean(),
  created_at: fc.option(isoDateTime, { nil: null }),
  vacation_dates: fc.option(fc.record({ start_on: fc.option(isoDate, { nil: null }), end_on: fc.option(isoDate, { nil: null }) }), { nil: null }),
  user_task_list: fc.option(fc.record({ gid: gidText, name }), { nil: null }),
});
export const userWithEmail: fc.Arbitrary<Record<string, unknown>> = fc.record(
  { gid: gidText, name, email: fc.option(hostileText, { nil: null }) },
  { requiredKeys: ['gid', 'name'] },
);
