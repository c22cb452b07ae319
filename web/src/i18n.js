// Interface words in Bahasa Indonesia (default) and English; data stays as the sources give it.
const WORDS = {
  id: {
    skip: 'Langsung ke isi', 'nav.overview': 'Ringkasan', 'nav.timeline': 'Linimasa', 'nav.path': 'Pencari jalur',
    'nav.offices': 'Pejabat', 'lang.switch': 'English', 'lang.label': 'Switch the interface to English',
    'search.label': 'Cari entitas', 'search.placeholder': 'Nama, alias atau ejaan lain…', 'search.none': 'Tidak ada hasil', 'search.count': (n) => `${n} hasil`,
    'search.sources': (n) => `${n} sumber`, loading: 'Memuat…', error: 'Gagal memuat: ',
    'type.Person': 'Orang', 'type.Institution': 'Lembaga', 'type.Place': 'Tempat', 'type.Commodity': 'Komoditas',
    'type.Source': 'Sumber', 'type.Event': 'Peristiwa', 'entity.notFound': 'Entitas tidak ditemukan', 'entity.aliases': 'Nama lain',
    'entity.facts': 'Keterangan', 'entity.titles': 'Jabatan', 'entity.sources': 'Sumber', 'entity.relations': 'Relasi',
    'entity.browser': 'Buka di Neo4j Browser', 'entity.graph': 'Graf tetangga', 'entity.timeline': 'Linimasa',
    'entity.former': 'mantan', 'entity.acting': 'Plt.', 'entity.asOf': 'per', 'fact.source': 'sumber',
    'source.title': 'Berita ini dan fakta yang didukungnya', 'source.outlet': 'Media', 'source.published': 'Terbit',
    'source.author': 'Penulis', 'source.language': 'Bahasa', 'source.file': 'Berkas', 'source.url': 'Alamat',
    'source.entities': 'Entitas yang bersumber dari berita ini', 'source.relations': 'Relasi yang bersumber dari berita ini',
    'entity.latestOffice': 'Jabatan terakhir', 'entity.predecessor': 'pendahulu', 'entity.successor': 'pengganti',
    'graph.label': 'Graf relasi', 'graph.legend': 'Keterangan warna', 'graph.types': 'Jenis relasi',
    'graph.from': 'Dari tanggal', 'graph.to': 'Sampai tanggal', 'graph.png': 'Ekspor PNG', 'graph.json': 'Ekspor JSON',
    'graph.expand': 'Perluas tetangga', 'graph.open': 'Buka halaman', 'graph.selected': 'Node terpilih',
    'graph.hint': 'Klik node untuk memilihnya, klik ganda untuk membukanya.', 'graph.count': (n, e) => `${n} node, ${e} relasi`,
    'graph.nodes': 'Daftar node', 'graph.reset': 'Atur ulang', 'graph.fit': 'Paskan ke layar',
    'graph.fitLabel': 'Paskan seluruh graf ke layar',
    'timeline.title': 'Linimasa', 'timeline.kind': 'Jenis', 'timeline.status': 'Status', 'timeline.all': 'Semua',
    'timeline.none': 'Tidak ada peristiwa', 'timeline.place': 'di', 'timeline.for': 'untuk',
    'kind.meeting': 'pertemuan', 'kind.visit': 'kunjungan', 'kind.agreement': 'kesepakatan',
    'kind.inauguration': 'peresmian', 'kind.shipment': 'pengiriman', 'kind.event': 'acara',
    'timeline.subEvents': 'Bagian dari peristiwa ini',
    'eventKind.visit': 'kunjungan', 'eventKind.working_visit': 'kunjungan kerja',
    'eventKind.site_visit': 'kunjungan lapangan', 'eventKind.meeting': 'pertemuan',
    'eventKind.business_meeting': 'pertemuan bisnis', 'eventKind.seminar': 'seminar',
    'eventKind.signing': 'penandatanganan', 'eventKind.inauguration': 'peresmian',
    'eventKind.shipment_release': 'pelepasan pengiriman', 'eventKind.sports_match': 'pertandingan olahraga',
    'eventKind.other': 'acara',
    'status.proposed': 'diusulkan', 'status.planned': 'direncanakan', 'status.signed': 'ditandatangani',
    'status.active': 'aktif', 'status.stalled': 'tertunda', 'status.completed': 'selesai',
    'path.title': 'Pencari jalur', 'path.from': 'Dari', 'path.to': 'Ke', 'path.find': 'Cari jalur',
    'path.none': 'Tidak ada jalur dalam 4 langkah', 'path.length': (n) => `${n} langkah`, 'path.pick': 'Pilih dua entitas',
    'offices.title': 'Siapa menjabat pada tanggal tertentu', 'offices.office': 'Jabatan', 'offices.on': 'Tanggal',
    'offices.find': 'Cari', 'offices.none': 'Tidak ada pejabat yang tercatat', 'offices.person': 'Orang',
    'offices.institution': 'Lembaga', 'offices.uncertain': 'mungkin',
    'offices.uncertainHint': 'Tanggal ini jatuh di rentang awal atau akhir masa jabatan yang tidak pasti',
    'overview.title': 'Ringkasan graf', 'overview.byType': 'Entitas menurut jenis',
    'overview.byCountry': 'Entitas menurut negara', 'overview.byStatus': 'Kesepakatan menurut status',
    'overview.byRelation': 'Relasi menurut jenis', 'overview.key': 'Kunci', 'overview.count': 'Jumlah',
    'date.unknown': 'tanggal tidak diketahui', 'date.about': 'sekitar', 'date.early': 'awal', 'date.mid': 'pertengahan',
    'date.late': 'akhir',
    'conflict.marker': 'Sumber berbeda', 'conflict.current': 'nilai tersimpan', 'conflict.reason': 'alasan',
    'rank.preferred': 'diutamakan', 'rank.normal': 'biasa', 'rank.deprecated': 'ditolak',
    'draft.title': 'Draf dari artikel', 'nav.draft': 'Draf dari artikel',
    'draft.intro': 'Tempel teks berita berbahasa Indonesia: entitas, jabatan, tanggal dan relasi yang ditemukan diusulkan untuk diperiksa.',
    'draft.text': 'Teks dengan temuan ditandai', 'draft.article.text': 'Teks artikel', 'draft.article.published': 'Tanggal terbit',
    'draft.article.url': 'Alamat (URL)', 'draft.article.outlet': 'Media', 'draft.article.title': 'Judul', 'draft.submit': 'Buat draf', 'draft.proposals': 'Usulan',
    'draft.missing': 'Yang tidak ditemukan', 'draft.known': 'sudah dikenal', 'draft.new': 'baru',
    'draft.confidence': 'Keyakinan', 'draft.toCheck': 'perlu diperiksa', 'draft.check': 'Periksa',
    'draft.sentences': 'kalimat', 'draft.accept': 'Terima', 'draft.reject': 'Tolak', 'draft.edit': 'Ubah',
    'draft.save': 'Simpan', 'draft.cancel': 'Batal', 'draft.record': 'Rekaman', 'draft.finish': 'Selesai',
    'draft.download': 'Unduh YAML', 'draft.token': 'Token API', 'draft.write': 'Tulis ke graf',
    'draft.downloaded': 'YAML diunduh.', 'draft.pending': (n) => `${n} usulan belum diperiksa`,
    'draft.problems': (n) => `${n} masalah: lihat usulan yang ditandai.`,
    'draft.written': (n, r) => `Ditulis ke graf: ${n} entitas, ${r} relasi.`, 'draft.openSource': 'Buka sumbernya',
    'draft.field.id': 'Id', 'draft.field.name': 'Nama', 'draft.field.kind': 'Jenis', 'draft.field.aliases': 'Nama lain (pisahkan dengan koma)',
    'draft.field.status': 'Status', 'draft.field.date': 'Tanggal (2025-08-12, 2025-08 atau 2025)', 'draft.field.title': 'Jabatan',
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  },
  en: {
    skip: 'Skip to content', 'nav.overview': 'Overview', 'nav.timeline': 'Timeline', 'nav.path': 'Path finder',
    'nav.offices': 'Office holders', 'lang.switch': 'Bahasa Indonesia', 'lang.label': 'Ganti bahasa ke Bahasa Indonesia',
    'search.label': 'Search entities', 'search.placeholder': 'Name, alias or spelling variant…', 'search.none': 'No results', 'search.count': (n) => `${n} result${n === 1 ? '' : 's'}`,
    'search.sources': (n) => `${n} source${n === 1 ? '' : 's'}`, loading: 'Loading…', error: 'Could not load: ',
    'type.Person': 'Person', 'type.Institution': 'Institution', 'type.Place': 'Place', 'type.Commodity': 'Commodity',
    'type.Source': 'Source', 'type.Event': 'Event', 'entity.notFound': 'Entity not found', 'entity.aliases': 'Also known as',
    'entity.facts': 'Facts', 'entity.titles': 'Offices held', 'entity.sources': 'Sources', 'entity.relations': 'Relations',
    'entity.browser': 'Open in Neo4j Browser', 'entity.graph': 'Neighbourhood graph', 'entity.timeline': 'Timeline',
    'entity.former': 'former', 'entity.acting': 'acting', 'entity.asOf': 'as of', 'fact.source': 'source',
    'source.title': 'This report and the facts it supports', 'source.outlet': 'Outlet', 'source.published': 'Published',
    'source.author': 'Author', 'source.language': 'Language', 'source.file': 'File', 'source.url': 'Address',
    'source.entities': 'Entities this report supports', 'source.relations': 'Relations this report supports',
    'entity.latestOffice': 'Latest office', 'entity.predecessor': 'predecessor', 'entity.successor': 'successor',
    'graph.label': 'Relation graph', 'graph.legend': 'Legend', 'graph.types': 'Relation types',
    'graph.from': 'From date', 'graph.to': 'To date', 'graph.png': 'Export PNG', 'graph.json': 'Export JSON',
    'graph.expand': 'Expand neighbours', 'graph.open': 'Open page', 'graph.selected': 'Selected node',
    'graph.hint': 'Click a node to select it, double-click to open it.', 'graph.count': (n, e) => `${n} nodes, ${e} relations`,
    'graph.nodes': 'Node list', 'graph.reset': 'Reset', 'graph.fit': 'Fit to screen',
    'graph.fitLabel': 'Fit the whole graph to the screen',
    'timeline.title': 'Timeline', 'timeline.kind': 'Kind', 'timeline.status': 'Status', 'timeline.all': 'All',
    'timeline.none': 'No events', 'timeline.place': 'in', 'timeline.for': 'for',
    'kind.meeting': 'meeting', 'kind.visit': 'visit', 'kind.agreement': 'agreement',
    'kind.inauguration': 'inauguration', 'kind.shipment': 'shipment', 'kind.event': 'event',
    'timeline.subEvents': 'Parts of this event',
    'eventKind.visit': 'visit', 'eventKind.working_visit': 'working visit',
    'eventKind.site_visit': 'site visit', 'eventKind.meeting': 'meeting',
    'eventKind.business_meeting': 'business meeting', 'eventKind.seminar': 'seminar',
    'eventKind.signing': 'signing', 'eventKind.inauguration': 'inauguration',
    'eventKind.shipment_release': 'shipment release', 'eventKind.sports_match': 'sports match',
    'eventKind.other': 'event',
    'status.proposed': 'proposed', 'status.planned': 'planned', 'status.signed': 'signed',
    'status.active': 'active', 'status.stalled': 'stalled', 'status.completed': 'completed',
    'path.title': 'Path finder', 'path.from': 'From', 'path.to': 'To', 'path.find': 'Find path',
    'path.none': 'No path within 4 hops', 'path.length': (n) => `${n} hop${n === 1 ? '' : 's'}`, 'path.pick': 'Pick two entities',
    'offices.title': 'Who held an office on a date', 'offices.office': 'Office', 'offices.on': 'Date',
    'offices.find': 'Find', 'offices.none': 'No office holder on record', 'offices.person': 'Person',
    'offices.institution': 'Institution', 'offices.uncertain': 'possibly',
    'offices.uncertainHint': 'The date falls where the term began or ended, which the sources do not pin down',
    'overview.title': 'Graph overview', 'overview.byType': 'Entities by type',
    'overview.byCountry': 'Entities by country', 'overview.byStatus': 'Agreements by status',
    'overview.byRelation': 'Relations by type', 'overview.key': 'Key', 'overview.count': 'Count',
    'date.unknown': 'date unknown', 'date.about': 'c.', 'date.early': 'early', 'date.mid': 'mid', 'date.late': 'late',
    'conflict.marker': 'Sources disagree', 'conflict.current': 'value held', 'conflict.reason': 'reason',
    'rank.preferred': 'preferred', 'rank.normal': 'normal', 'rank.deprecated': 'deprecated',
    'draft.title': 'Draft from article', 'nav.draft': 'Draft from article',
    'draft.intro': 'Paste the text of an Indonesian news article: the entities, offices, dates and relations found are proposed for review.',
    'draft.text': 'The text, what was found marked', 'draft.article.text': 'Article text', 'draft.article.published': 'Published on',
    'draft.article.url': 'Address (URL)', 'draft.article.outlet': 'Outlet', 'draft.article.title': 'Title', 'draft.submit': 'Draft', 'draft.proposals': 'Proposals',
    'draft.missing': 'Not found', 'draft.known': 'known', 'draft.new': 'new',
    'draft.confidence': 'Confidence', 'draft.toCheck': 'to check', 'draft.check': 'Check',
    'draft.sentences': 'sentences', 'draft.accept': 'Accept', 'draft.reject': 'Reject', 'draft.edit': 'Edit',
    'draft.save': 'Save', 'draft.cancel': 'Cancel', 'draft.record': 'Record', 'draft.finish': 'Finish',
    'draft.download': 'Download YAML', 'draft.token': 'API token', 'draft.write': 'Write to the graph',
    'draft.downloaded': 'YAML downloaded.', 'draft.pending': (n) => `${n} proposal${n === 1 ? '' : 's'} not yet checked`,
    'draft.problems': (n) => `${n} problem${n === 1 ? '' : 's'}: see the proposals marked.`,
    'draft.written': (n, r) => `Written to the graph: ${n} entities, ${r} relations.`, 'draft.openSource': 'Open its source',
    'draft.field.id': 'Id', 'draft.field.name': 'Name', 'draft.field.kind': 'Kind', 'draft.field.aliases': 'Other names (comma-separated)',
    'draft.field.status': 'Status', 'draft.field.date': 'Date (2025-08-12, 2025-08 or 2025)', 'draft.field.title': 'Title',
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
};

// Every relation type of the model, as people say it; the raw type stays in `title` and `data-type`.
export const RELATION_LABELS = {
  MET: { id: 'Bertemu', en: 'Met' },
  VISITED: { id: 'Mengunjungi', en: 'Visited' },
  AGREEMENT: { id: 'Perjanjian/MoU', en: 'Agreement/MoU' },
  SISTER_CITY: { id: 'Kota kembar', en: 'Sister city' },
  MEMBER_OF_DELEGATION: { id: 'Anggota delegasi', en: 'Delegation member' },
  HOLDS_POSITION: { id: 'Menjabat', en: 'Holds office' },
  LOCATED_IN: { id: 'Terletak di', en: 'Located in' },
  PART_OF: { id: 'Bagian dari', en: 'Part of' },
  BORN_IN: { id: 'Lahir di', en: 'Born in' },
  INAUGURATED: { id: 'Meresmikan', en: 'Inaugurated' },
  PRODUCES: { id: 'Menghasilkan', en: 'Produces' },
  DEMANDS: { id: 'Membutuhkan', en: 'Demands' },
  EXPORTS: { id: 'Mengekspor', en: 'Exports' },
  SUPPLIES: { id: 'Memasok', en: 'Supplies' },
};

const STORAGE_KEY = 'jalin.lang';
let lang = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
const listeners = [];

/** The current interface language, 'id' or 'en'. */
export function currentLang() {
  return lang;
}

/** The word for `key` in the current language; functions take `args`. */
export function t(key, ...args) {
  const word = WORDS[lang][key] ?? WORDS.id[key] ?? key;
  return typeof word === 'function' ? word(...args) : word;
}

/** The human name of relation `type` in the current language; an unknown type shows as it is. */
export function relationLabel(type) {
  return RELATION_LABELS[type]?.[lang] ?? type;
}

/** Switch language, remember it, and tell every listener. */
export function setLang(next) {
  lang = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  listeners.forEach((listener) => listener());
}

/** Call `listener` after every language switch. */
export function onLangChange(listener) {
  listeners.push(listener);
}
