// The seeded catalog: product number n of the shop, generated from word lists by a PRNG seeded with
// n alone, so the same n is the same product (and SKU) at any catalog size, on any machine. Names
// are Indonesian; each description is in Indonesian, then in English (a product has one of each).
import type { CreateProductRequest } from '@pasar/contracts';
import { randomFrom, type Random } from './random.ts';

type Words = readonly [id: string, en: string];
type Product = Omit<CreateProductRequest, 'sku' | 'images' | 'active' | 'stock'>;

export const SEED_SKU_PREFIX = 'SEED-';

/** Every category the product service starts with (services/product/src/domain/default-categories.ts), in turn. */
const CATEGORIES = ['electronics', 'fashion', 'food', 'books'] as const;
const SKU_CODES: Record<(typeof CATEGORIES)[number], string> = { electronics: 'ELK', fashion: 'FSN', food: 'MKN', books: 'BKU' };

/** Product n of the seeded shop (n from 0). */
export function seededProduct(n: number): CreateProductRequest {
  const category = CATEGORIES[n % CATEGORIES.length]!;
  const random = randomFrom(`pasar-seed-${n}`);
  const product = GENERATORS[category](random);
  return {
    sku: `${SEED_SKU_PREFIX}${SKU_CODES[category]}-${String(n).padStart(5, '0')}`,
    ...product,
    stock: stockOf(random),
    images: [],
    active: true,
  };
}

/** A few sold out, some nearly gone, most well stocked. */
function stockOf(random: Random): number {
  const roll = random.next();
  if (roll < 0.03) return 0;
  if (roll < 0.12) return random.int(1, 5);
  return random.int(10, 300);
}

/** Rupiah as shops price them: whole thousands (whole hundreds below Rp 10.000), never ending in 13 or 99 (the payment simulator's cue). */
function priceOf(random: Random, [min, max]: readonly [number, number]): { amount: number; currency: 'IDR' } {
  const raw = random.int(min, max);
  const step = raw < 10_000 ? 100 : raw < 1_000_000 ? 500 : 1000;
  return { amount: Math.max(step, Math.round(raw / step) * step), currency: 'IDR' };
}

const bilingual = (id: string, en: string) => `${id}\n\nEN: ${en}`;

// Electronics

interface Gadget {
  kind: Words;
  brands: readonly string[];
  variants: readonly string[];
  price: readonly [number, number];
  features: readonly Words[];
  /** Model names by brand (a product line and a number follow); a brand not listed gets a code such as "MI-28". */
  series?: Record<string, readonly string[]>;
}

const GADGETS: readonly Gadget[] = [
  {
    kind: ['Ponsel', 'smartphone'],
    brands: ['Samsung', 'Xiaomi', 'Oppo', 'Vivo', 'Realme', 'Infinix', 'Advan'],
    variants: ['4/64 GB', '6/128 GB', '8/256 GB'],
    price: [1_200_000, 12_000_000],
    series: {
      Samsung: ['Galaxy A', 'Galaxy M'],
      Xiaomi: ['Redmi Note ', 'Poco X'],
      Oppo: ['Reno', 'A'],
      Vivo: ['Y', 'V'],
      Realme: ['C', 'Narzo '],
      Infinix: ['Hot ', 'Note '],
      Advan: ['G'],
    },
    features: [
      ['layar AMOLED 6,5 inci', 'a 6.5-inch AMOLED screen'],
      ['baterai 5000 mAh', 'a 5000 mAh battery'],
      ['kamera utama 50 MP', 'a 50 MP main camera'],
      ['pengisian cepat 33 W', '33 W fast charging'],
      ['dua SIM dan 4G', 'dual SIM and 4G'],
    ],
  },
  {
    kind: ['Laptop', 'laptop'],
    brands: ['Asus', 'Lenovo', 'Acer', 'HP', 'Axioo'],
    variants: ['8 GB/256 GB SSD', '8 GB/512 GB SSD', '16 GB/512 GB SSD'],
    price: [4_500_000, 24_000_000],
    series: {
      Asus: ['Vivobook ', 'Zenbook '],
      Lenovo: ['IdeaPad ', 'ThinkPad E'],
      Acer: ['Aspire ', 'Swift '],
      HP: ['Pavilion ', '14s-'],
      Axioo: ['MyBook ', 'Hype '],
    },
    features: [
      ['layar 14 inci Full HD', 'a 14-inch Full HD screen'],
      ['bobot hanya 1,4 kg', 'a weight of only 1.4 kg'],
      ['Windows 11 asli', 'genuine Windows 11'],
      ['keyboard dengan lampu latar', 'a backlit keyboard'],
    ],
  },
  {
    kind: ['Tablet', 'tablet'],
    brands: ['Samsung', 'Xiaomi', 'Lenovo', 'Advan'],
    variants: ['4/64 GB', '6/128 GB'],
    price: [1_800_000, 9_000_000],
    series: { Samsung: ['Galaxy Tab A'], Xiaomi: ['Redmi Pad '], Lenovo: ['Tab M'], Advan: ['Tab '] },
    features: [
      ['layar 11 inci', 'an 11-inch screen'],
      ['empat speaker stereo', 'four stereo speakers'],
      ['dukungan pena stylus', 'stylus support'],
    ],
  },
  {
    kind: ['Earbud Nirkabel', 'wireless earbuds'],
    brands: ['JBL', 'Sony', 'Xiaomi', 'Realme', 'Baseus'],
    variants: ['Hitam', 'Putih'],
    price: [150_000, 2_500_000],
    features: [
      ['peredam bising aktif', 'active noise cancelling'],
      ['ketahanan terhadap percikan air', 'splash resistance'],
      ['baterai hingga 30 jam', 'up to 30 hours of battery life'],
    ],
  },
  {
    kind: ['Speaker Bluetooth', 'Bluetooth speaker'],
    brands: ['JBL', 'Sony', 'Polytron', 'Xiaomi'],
    variants: ['10 W', '20 W', '40 W'],
    price: [200_000, 3_000_000],
    features: [
      ['bas mantap', 'deep bass'],
      ['tahan air IPX7', 'IPX7 waterproofing'],
      ['fitur sambung dua speaker', 'pairing with a second speaker'],
    ],
  },
  {
    kind: ['Televisi LED', 'LED television'],
    brands: ['Samsung', 'LG', 'Polytron', 'Sharp', 'TCL'],
    variants: ['32 inci', '43 inci', '50 inci', '55 inci'],
    price: [1_800_000, 12_000_000],
    features: [
      ['Smart TV dengan Netflix dan YouTube', 'smart TV apps (Netflix, YouTube)'],
      ['siaran TV digital DVB-T2', 'DVB-T2 digital broadcast reception'],
      ['resolusi 4K UHD', '4K UHD resolution'],
    ],
  },
  {
    kind: ['Penanak Nasi', 'rice cooker'],
    brands: ['Miyako', 'Cosmos', 'Philips', 'Sharp', 'Yong Ma'],
    variants: ['1,2 L', '1,8 L', '2 L'],
    price: [200_000, 1_500_000],
    features: [
      ['panci antilengket', 'a non-stick pot'],
      ['fitur penghangat nasi', 'a keep-warm mode'],
      ['rak pengukus', 'a steaming tray'],
    ],
  },
  {
    kind: ['Kipas Angin', 'electric fan'],
    brands: ['Miyako', 'Cosmos', 'Maspion', 'Sekai'],
    variants: ['16 inci', '18 inci'],
    price: [150_000, 800_000],
    features: [
      ['tiga kecepatan', 'three speeds'],
      ['putaran otomatis', 'automatic oscillation'],
      ['daya listrik rendah', 'low power use'],
    ],
  },
  {
    kind: ['Jam Tangan Pintar', 'smartwatch'],
    brands: ['Samsung', 'Xiaomi', 'Huawei', 'Amazfit'],
    variants: ['Hitam', 'Perak', 'Merah Muda'],
    price: [400_000, 5_000_000],
    series: { Samsung: ['Galaxy Watch '], Xiaomi: ['Watch S'], Huawei: ['Watch GT '], Amazfit: ['Bip '] },
    features: [
      ['pemantau detak jantung', 'a heart-rate monitor'],
      ['GPS bawaan', 'built-in GPS'],
      ['baterai hingga 14 hari', 'up to 14 days of battery'],
    ],
  },
  {
    kind: ['Power Bank', 'power bank'],
    brands: ['Anker', 'Xiaomi', 'Baseus', 'Robot'],
    variants: ['10000 mAh', '20000 mAh'],
    price: [150_000, 700_000],
    features: [
      ['dua port USB', 'two USB ports'],
      ['pengisian cepat 22,5 W', '22.5 W fast charging'],
      ['bodi ringkas dan ringan', 'a compact, light body'],
    ],
  },
  {
    kind: ['Blender', 'blender'],
    brands: ['Philips', 'Miyako', 'Cosmos'],
    variants: ['1,5 L', '2 L'],
    price: [250_000, 1_200_000],
    features: [
      ['pisau baja tahan karat', 'stainless steel blades'],
      ['tabung kaca', 'a glass jar'],
      ['penggiling bumbu', 'a spice grinder'],
    ],
  },
];

function gadget(random: Random): Product {
  const gadget = random.pick(GADGETS);
  const brand = random.pick(gadget.brands);
  const model = `${random.pick(gadget.series?.[brand] ?? [`${brand.slice(0, 2).toUpperCase()}-`])}${random.int(gadget.series ? 1 : 10, 99)}`;
  const variant = random.pick(gadget.variants);
  const [first, second] = twoOf(random, gadget.features);
  const warrantyMonths = random.pick([6, 12, 12, 24]);
  return {
    name: `${gadget.kind[0]} ${brand} ${model} ${variant}`,
    description: bilingual(
      `${gadget.kind[0]} ${brand} ${model} (${variant}) dengan ${first[0]} dan ${second[0]}. Garansi resmi ${warrantyMonths} bulan.`,
      `${brand} ${model} ${gadget.kind[1]} (${inEnglish(variant)}) with ${first[1]} and ${second[1]}. ${warrantyMonths}-month official warranty.`,
    ),
    category: 'electronics',
    price: priceOf(random, gadget.price),
    attributes: { brand, warrantyMonths, model },
  };
}

const VARIANT_WORDS: Record<string, string> = { Hitam: 'black', Putih: 'white', Perak: 'silver', 'Merah Muda': 'pink', inci: 'inch' };

/** A variant as an English reader writes it: words translated, a decimal point for the comma. */
function inEnglish(variant: string): string {
  return variant.replace(/(\d),(\d)/g, '$1.$2').replace(/[A-Z][a-z]+(?: Muda)?|inci/g, (word) => VARIANT_WORDS[word] ?? word);
}

// Fashion

interface Garment {
  kind: Words;
  materials: readonly Words[];
  sizes: readonly string[];
  price: readonly [number, number];
}

const GARMENTS: readonly Garment[] = [
  {
    kind: ['Kemeja Batik', 'batik shirt'],
    materials: [
      ['Katun', 'cotton'],
      ['Katun Primisima', 'primisima cotton'],
    ],
    sizes: ['S', 'M', 'L', 'XL', 'XXL'],
    price: [120_000, 650_000],
  },
  {
    kind: ['Kaos Polos', 'plain T-shirt'],
    materials: [['Katun Combed 30s', 'combed cotton 30s']],
    sizes: ['XS', 'S', 'M', 'L', 'XL', 'XXL'],
    price: [45_000, 150_000],
  },
  { kind: ['Celana Jeans', 'jeans'], materials: [['Denim', 'denim']], sizes: ['S', 'M', 'L', 'XL'], price: [150_000, 550_000] },
  {
    kind: ['Kebaya Modern', 'modern kebaya'],
    materials: [
      ['Brokat', 'lace'],
      ['Sutra', 'silk'],
    ],
    sizes: ['S', 'M', 'L', 'XL'],
    price: [250_000, 1_500_000],
  },
  {
    kind: ['Sarung Tenun', 'woven sarong'],
    materials: [
      ['Katun', 'cotton'],
      ['Sutra', 'silk'],
    ],
    sizes: ['ALL'],
    price: [90_000, 900_000],
  },
  {
    kind: ['Hijab Segi Empat', 'square hijab'],
    materials: [
      ['Voal', 'voile'],
      ['Sifon', 'chiffon'],
    ],
    sizes: ['ALL'],
    price: [35_000, 180_000],
  },
  {
    kind: ['Jaket Hoodie', 'hoodie'],
    materials: [
      ['Fleece', 'fleece'],
      ['Katun', 'cotton'],
    ],
    sizes: ['M', 'L', 'XL', 'XXL'],
    price: [150_000, 450_000],
  },
  {
    kind: ['Gamis', 'long dress (gamis)'],
    materials: [
      ['Rayon', 'rayon'],
      ['Katun Jepang', 'Japanese cotton'],
    ],
    sizes: ['S', 'M', 'L', 'XL'],
    price: [150_000, 750_000],
  },
  {
    kind: ['Tas Anyaman', 'woven bag'],
    materials: [
      ['Rotan', 'rattan'],
      ['Pandan', 'pandan leaf'],
    ],
    sizes: ['ALL'],
    price: [80_000, 600_000],
  },
];

const COLOURS: readonly Words[] = [
  ['Merah', 'red'],
  ['Biru Dongker', 'navy'],
  ['Hitam', 'black'],
  ['Putih', 'white'],
  ['Hijau Botol', 'bottle green'],
  ['Cokelat', 'brown'],
  ['Krem', 'cream'],
  ['Abu-abu', 'grey'],
  ['Marun', 'maroon'],
  ['Kuning Kunyit', 'turmeric yellow'],
];
const MOTIFS: readonly Words[] = [
  ['Parang', 'parang'],
  ['Kawung', 'kawung'],
  ['Mega Mendung', 'mega mendung'],
  ['Truntum', 'truntum'],
  ['Sekar Jagad', 'sekar jagad'],
  ['Polos', 'plain'],
];
const MAKERS = ['Sekar', 'Laras', 'Nusa', 'Rupa Kita', 'Tenun Ikat', 'Kain Kita', 'Gendhis'];

function garment(random: Random): Product {
  const garment = random.pick(GARMENTS);
  const [colour, material, motif, size, maker] = [
    random.pick(COLOURS),
    random.pick(garment.materials),
    random.pick(MOTIFS),
    random.pick(garment.sizes),
    random.pick(MAKERS),
  ];
  const sizeId = size === 'ALL' ? 'satu ukuran' : `ukuran ${size}`;
  const sizeEn = size === 'ALL' ? 'one size' : `size ${size}`;
  return {
    name: `${garment.kind[0]} ${maker} Motif ${motif[0]} ${colour[0]} (${size === 'ALL' ? 'All Size' : size})`,
    description: bilingual(
      `${garment.kind[0]} bahan ${material[0].toLowerCase()} motif ${motif[0]}, warna ${colour[0].toLowerCase()}, ${sizeId}. Buatan perajin lokal ${maker}.`,
      `${capitalised(colour[1])} ${garment.kind[1]} in ${material[1]} with a ${motif[1]} pattern, ${sizeEn}. Made by local craftspeople, ${maker}.`,
    ),
    category: 'fashion',
    price: priceOf(random, garment.price),
    attributes: { size, colour: colour[0], material: material[0] },
  };
}

// Food

interface Food {
  kind: Words;
  origins: readonly string[];
  weights: readonly number[];
  price: readonly [number, number];
  halal: boolean;
  shelfMonths: readonly [number, number];
}

const FOODS: readonly Food[] = [
  {
    kind: ['Kopi Arabika Bubuk', 'ground arabica coffee'],
    origins: ['Gayo', 'Toraja', 'Kintamani', 'Flores Bajawa', 'Java Preanger'],
    weights: [200, 250, 500, 1000],
    price: [45_000, 320_000],
    halal: true,
    shelfMonths: [9, 18],
  },
  {
    kind: ['Kopi Robusta Biji', 'robusta coffee beans'],
    origins: ['Lampung', 'Temanggung', 'Dampit'],
    weights: [250, 500, 1000],
    price: [35_000, 210_000],
    halal: true,
    shelfMonths: [9, 18],
  },
  {
    kind: ['Teh Melati', 'jasmine tea'],
    origins: ['Tegal', 'Slawi', 'Puncak'],
    weights: [50, 100, 250],
    price: [8_000, 65_000],
    halal: true,
    shelfMonths: [12, 24],
  },
  {
    kind: ['Sambal Bawang', 'shallot chilli sambal'],
    origins: ['Surabaya', 'Bali', 'Padang'],
    weights: [150, 200],
    price: [22_000, 55_000],
    halal: true,
    shelfMonths: [6, 12],
  },
  {
    kind: ['Keripik Singkong Balado', 'spicy cassava chips'],
    origins: ['Padang', 'Bukittinggi'],
    weights: [100, 250, 500],
    price: [12_000, 60_000],
    halal: true,
    shelfMonths: [4, 8],
  },
  {
    kind: ['Rendang Daging Kemasan', 'packaged beef rendang'],
    origins: ['Padang', 'Payakumbuh'],
    weights: [200, 500],
    price: [65_000, 240_000],
    halal: true,
    shelfMonths: [6, 12],
  },
  {
    kind: ['Kerupuk Udang', 'prawn crackers'],
    origins: ['Sidoarjo', 'Cirebon', 'Palembang'],
    weights: [250, 500, 1000],
    price: [20_000, 110_000],
    halal: true,
    shelfMonths: [6, 12],
  },
  {
    kind: ['Madu Hutan', 'wild forest honey'],
    origins: ['Sumbawa', 'Kalimantan', 'Riau'],
    weights: [250, 500, 1000],
    price: [55_000, 350_000],
    halal: true,
    shelfMonths: [18, 36],
  },
  {
    kind: ['Beras Pandan Wangi', 'Pandan Wangi rice'],
    origins: ['Cianjur', 'Karawang'],
    weights: [2000, 5000, 10_000],
    price: [38_000, 190_000],
    halal: true,
    shelfMonths: [6, 12],
  },
  {
    kind: ['Gula Aren', 'palm sugar'],
    origins: ['Banten', 'Kulon Progo', 'Minahasa'],
    weights: [250, 500, 1000],
    price: [15_000, 70_000],
    halal: true,
    shelfMonths: [6, 12],
  },
  {
    kind: ['Kecap Manis', 'sweet soy sauce'],
    origins: ['Brebes', 'Majalengka'],
    weights: [275, 550],
    price: [12_000, 35_000],
    halal: true,
    shelfMonths: [12, 24],
  },
  {
    kind: ['Dodol', 'dodol (sticky palm-sugar sweet)'],
    origins: ['Garut', 'Betawi'],
    weights: [250, 500],
    price: [18_000, 60_000],
    halal: true,
    shelfMonths: [3, 6],
  },
  {
    kind: ['Abon Sapi', 'beef floss'],
    origins: ['Boyolali', 'Solo'],
    weights: [100, 250],
    price: [35_000, 120_000],
    halal: true,
    shelfMonths: [6, 12],
  },
  {
    kind: ['Kacang Mete Panggang', 'roasted cashew nuts'],
    origins: ['Wonogiri', 'Muna', 'Bali'],
    weights: [250, 500],
    price: [60_000, 180_000],
    halal: true,
    shelfMonths: [6, 12],
  },
  {
    kind: ['Bumbu Rendang Instan', 'instant rendang spice paste'],
    origins: ['Padang', 'Bukittinggi'],
    weights: [50, 100],
    price: [6_000, 25_000],
    halal: true,
    shelfMonths: [12, 24],
  },
  {
    kind: ['Sosis Babi Asap', 'smoked pork sausage'],
    origins: ['Bali', 'Manado'],
    weights: [250, 500],
    price: [55_000, 150_000],
    halal: false,
    shelfMonths: [2, 4],
  },
];

/** Expiry dates count from a fixed day, not from today: a run next year makes the same products. */
const BEST_BEFORE_FROM = Date.UTC(2027, 0, 1);

function food(random: Random): Product {
  const food = random.pick(FOODS);
  const [origin, weightGrams] = [random.pick(food.origins), random.pick(food.weights)];
  const expiryDate = new Date(BEST_BEFORE_FROM + random.int(food.shelfMonths[0] * 30, food.shelfMonths[1] * 30) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const weight = weightGrams >= 1000 ? `${weightGrams / 1000} kg` : `${weightGrams} g`;
  return {
    name: `${food.kind[0]} ${origin} ${weight}`,
    description: bilingual(
      `${food.kind[0]} khas ${origin}, kemasan ${weight}. ${food.halal ? 'Bersertifikat halal.' : 'Tidak halal: mengandung babi.'} Baik digunakan sebelum ${expiryDate}.`,
      `${capitalised(food.kind[1])} from ${origin}, ${weight} pack. ${food.halal ? 'Halal certified.' : 'Not halal: contains pork.'} Best before ${expiryDate}.`,
    ),
    category: 'food',
    price: priceOf(random, food.price),
    attributes: { weightGrams, expiryDate, halal: food.halal },
  };
}

// Books

const GENRES: readonly { kind: Words; titles: readonly Words[]; pages: readonly [number, number]; price: readonly [number, number] }[] = [
  {
    kind: ['Novel', 'novel'],
    pages: [180, 520],
    price: [65_000, 160_000],
    titles: [
      ['Senja di {place}', 'Dusk in {place}'],
      ['Rumah di Ujung {place}', 'The House at the Edge of {place}'],
      ['Surat dari {place}', 'Letters from {place}'],
      ['Hujan Bulan Juni di {place}', 'June Rain in {place}'],
      ['Pulang ke {place}', 'Coming Home to {place}'],
    ],
  },
  {
    kind: ['Buku Masak', 'cookbook'],
    pages: [90, 260],
    price: [75_000, 210_000],
    titles: [
      ['Resep Warisan {place}', 'Heirloom Recipes of {place}'],
      ['Dapur Rumahan {place}', 'Home Cooking from {place}'],
      ['Sambal dan Bumbu {place}', 'Sambals and Spice Pastes of {place}'],
    ],
  },
  {
    kind: ['Buku Anak', "children's book"],
    pages: [24, 96],
    price: [35_000, 95_000],
    titles: [
      ['Petualangan Si Kancil di {place}', "The Mouse Deer's Adventure in {place}"],
      ['Dongeng Sebelum Tidur dari {place}', 'Bedtime Tales from {place}'],
    ],
  },
  {
    kind: ['Sejarah', 'history'],
    pages: [220, 640],
    price: [95_000, 260_000],
    titles: [
      ['Jejak Rempah di {place}', 'The Spice Trail in {place}'],
      ['Kerajaan-Kerajaan {place}', 'The Kingdoms of {place}'],
      ['{place} Tempo Dulu', '{place} in Days Gone By'],
    ],
  },
  {
    kind: ['Pemrograman', 'programming'],
    pages: [180, 560],
    price: [85_000, 280_000],
    titles: [
      ['Belajar TypeScript dari Nol', 'Learning TypeScript from Scratch'],
      ['Membangun Layanan Mikro dengan Dapr', 'Building Microservices with Dapr'],
      ['Basis Data untuk Pemula', 'Databases for Beginners'],
      ['Algoritma dengan Contoh dari {place}', 'Algorithms with Examples from {place}'],
    ],
  },
];
const PLACES = [
  'Yogyakarta',
  'Bandung',
  'Makassar',
  'Medan',
  'Ambon',
  'Lombok',
  'Toraja',
  'Banda Neira',
  'Ternate',
  'Bukittinggi',
  'Surabaya',
  'Flores',
];
const FIRST_NAMES = [
  'Ayu',
  'Budi',
  'Dewi',
  'Eka',
  'Fajar',
  'Gita',
  'Hendra',
  'Indah',
  'Joko',
  'Kartika',
  'Lestari',
  'Made',
  'Nur',
  'Putu',
  'Rina',
  'Sari',
  'Taufik',
  'Wulan',
  'Yusuf',
];
const LAST_NAMES = [
  'Pratama',
  'Santoso',
  'Wijaya',
  'Kusuma',
  'Hidayat',
  'Nugroho',
  'Saputra',
  'Siregar',
  'Hasibuan',
  'Lubis',
  'Wibowo',
  'Setiawan',
  'Manuhutu',
  'Tanjung',
];

function book(random: Random): Product {
  const genre = random.pick(GENRES);
  const [titleId, titleEn] = random.pick(genre.titles);
  const place = random.pick(PLACES);
  const [title, englishTitle] = [titleId.replace('{place}', place), titleEn.replace('{place}', place)];
  const author = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
  const pages = random.int(genre.pages[0], genre.pages[1]);
  return {
    name: title,
    description: bilingual(
      `${genre.kind[0]} karya ${author}, ${pages} halaman, berbahasa Indonesia.`,
      `"${englishTitle}": a ${genre.kind[1]} by ${author}, ${pages} pages, in Indonesian.`,
    ),
    category: 'books',
    price: priceOf(random, genre.price),
    attributes: { author, pages, isbn: isbnOf(random) },
  };
}

/** An ISBN-13 under Indonesia's 978-623 prefix, with its check digit. */
function isbnOf(random: Random): string {
  const body = `978623${String(random.int(0, 999_999)).padStart(6, '0')}`;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body.slice(0, 3)}-${body.slice(3, 6)}-${body.slice(6, 10)}-${body.slice(10, 12)}-${(10 - (sum % 10)) % 10}`;
}

const GENERATORS: Record<(typeof CATEGORIES)[number], (random: Random) => Product> = {
  electronics: gadget,
  fashion: garment,
  food,
  books: book,
};

function twoOf<T>(random: Random, items: readonly T[]): [T, T] {
  const first = random.int(0, items.length - 1);
  const second = (first + random.int(1, items.length - 1)) % items.length;
  return [items[first]!, items[second]!];
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
