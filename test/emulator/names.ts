/**
 * Vocabulary for seeded people. Deliberately varied: accents, apostrophes, hyphens and non-Latin
 * scripts are where UIs and sorting break, so the seed must contain them.
 */

export const FIRST_NAMES: readonly string[] = [
  'Ada', 'Adrián', 'Aisha', 'Akira', 'Alejandro', 'Amara', 'Amélie', 'Ana', 'Anders', 'Ángel', 'Anika', 'Arjun',
  'Astrid', 'Beatriz', 'Björn', 'Bram', 'Camille', 'Carmen', 'Chiara', 'Chloé', 'Dagny', 'Daniel', 'Dmitri',
  'Elif', 'Elena', 'Émile', 'Erik', 'Esther', 'Fatima', 'Felipe', 'Finn', 'François', 'Freya', 'Gabriel', 'Greta',
  'Hana', 'Hugo', 'Ingrid', 'Isabel', 'Ivan', 'Jakub', 'Javier', 'Jens', 'Joaquín', 'Jonas', 'Julia', 'Kai',
  'Kamila', 'Kenji', 'Lars', 'Laura', 'Leila', 'Liam', 'Linnea', 'Lucía', 'Luca', 'Magnus', 'Maja', 'Malik',
  'Marta', 'Mateo', 'Mei', 'Miguel', 'Mikael', 'Nadia', 'Nico', 'Noah', 'Noémie', 'Nora', 'Olga', 'Oskar',
  'Paula', 'Pedro', 'Priya', 'Rafael', 'Renée', 'Rohan', 'Ruth', 'Sakura', 'Samir', 'Sara', 'Søren', 'Sofia',
  'Stefan', 'Tomás', 'Tove', 'Úrsula', 'Valentina', 'Viktor', 'Wei', 'Yara', 'Yusuf', 'Zoë', 'Zofia', 'Åsa',
  'Øystein', 'Łukasz', 'Đorđe', 'Siobhán', 'Thắng',
];

export const LAST_NAMES: readonly string[] = [
  'Ångström', 'Abe', 'Almeida', 'Andersson', 'Bauer', 'Bianchi', 'Brandt', 'Castillo', 'Chen', 'Costa',
  'Dąbrowski', 'Dubois', 'Eriksen', 'Fernández', 'Fischer', 'García', 'Gonçalves', 'Gruber', 'Haddad', 'Hansen',
  'Hernández', 'Ibáñez', 'Ivanova', 'Jansen', 'Jović', 'Kaya', 'Kim', 'Kowalski', 'Larsen', 'Laurent', 'Lefèvre',
  'López', 'Martín', 'Meyer', 'Moreau', 'Müller', 'Nakamura', 'Novák', 'Núñez', "O'Brien", 'Öztürk', 'Park',
  'Pereira', 'Petrović', 'Quinn', 'Rossi', 'Sánchez', 'Schmidt', 'Silva', 'Singh', 'Søndergaard', 'Suzuki',
  'Szabó', 'Tanaka', 'Thompson', 'Müller-Lüdenscheidt', 'Vargas', 'Wagner', 'Weiß', 'Wójcik', 'Yamamoto',
  'Yılmaz', 'Zhang', 'Žukauskas', 'van der Berg', 'Nguyễn', 'MacDonald', 'Þórsdóttir', 'de la Cruz', 'Okafor',
];

/** Names in other scripts, with the romanised local part a company directory would give them. */
export const NON_LATIN_NAMES: readonly { name: string; local: string }[] = [
  { name: '李雷', local: 'lei.li' },
  { name: '韩梅梅', local: 'meimei.han' },
  { name: '王芳', local: 'fang.wang' },
  { name: '山田 太郎', local: 'taro.yamada' },
  { name: '佐藤 花子', local: 'hanako.sato' },
  { name: '김민준', local: 'minjun.kim' },
  { name: 'Алексей Смирнов', local: 'aleksei.smirnov' },
  { name: 'Мария Иванова', local: 'maria.ivanova' },
  { name: 'Νίκος Παπαδόπουλος', local: 'nikos.papadopoulos' },
  { name: 'ليلى حداد', local: 'layla.haddad' },
  { name: 'דנה לוי', local: 'dana.levi' },
  { name: 'अनन्या शर्मा', local: 'ananya.sharma' },
  { name: 'สมชาย ใจดี', local: 'somchai.jaidee' },
];

/** Words for the "phrase" of a 500, in the style of node-asana-phrase ("6 sad squid snuggle softly"). */
export const PHRASE_WORDS = {
  adjectives: ['sad', 'brave', 'sleepy', 'fuzzy', 'quiet', 'lucky', 'tiny', 'jolly', 'grumpy', 'shiny'],
  nouns: ['squid', 'otters', 'penguins', 'llamas', 'badgers', 'koalas', 'ferrets', 'herons', 'moles', 'yaks'],
  verbs: ['snuggle', 'dance', 'wander', 'giggle', 'juggle', 'paddle', 'tumble', 'whistle', 'nibble', 'hum'],
  adverbs: ['softly', 'boldly', 'slowly', 'gladly', 'loudly', 'calmly', 'oddly', 'warmly', 'wisely', 'gently'],
} as const;
