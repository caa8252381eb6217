// The seeded customers: stable emails (so a second run finds them), each with an address, and the
// demo login the README documents.
import type { AddressRequest, Locale } from '@pasar/contracts';

export interface SeedCustomer {
  email: string;
  name: string;
  password: string;
  locale: Locale;
  address: AddressRequest;
  /** How many orders the seed places for them. */
  orders: number;
  /** What they searched for (a typo among them, as people type). */
  searches: readonly string[];
}

export const DEMO_EMAIL = 'demo@pasar.test';
export const DEMO_PASSWORD = 'pasar-demo-2026';
const PASSWORD = 'pasar-seed-2026';

const address = (recipient: string, line1: string, city: string, province: string, postalCode: string, phone: string): AddressRequest => ({
  recipient,
  line1,
  city,
  province,
  postalCode,
  country: 'ID',
  phone,
  isDefault: true,
});

export const SEED_CUSTOMERS: readonly SeedCustomer[] = [
  {
    email: DEMO_EMAIL,
    name: 'Putri Anggraini',
    password: DEMO_PASSWORD,
    locale: 'id',
    orders: 3,
    address: address('Putri Anggraini', 'Jl. Malioboro No. 52', 'Yogyakarta', 'DI Yogyakarta', '55213', '+62 812 2700 1234'),
    searches: ['kopi gayo', 'ponsl samsung', 'batik', 'madu hutan'],
  },
  {
    email: 'budi.santoso@pasar.test',
    name: 'Budi Santoso',
    password: PASSWORD,
    locale: 'id',
    orders: 2,
    address: address('Budi Santoso', 'Jl. Braga No. 17', 'Bandung', 'Jawa Barat', '40111', '+62 813 2211 4455'),
    searches: ['laptop asus', 'rendang'],
  },
  {
    email: 'rina.siregar@pasar.test',
    name: 'Rina Siregar',
    password: PASSWORD,
    locale: 'id',
    orders: 2,
    address: address('Rina Siregar', 'Jl. Gatot Subroto No. 88', 'Medan', 'Sumatera Utara', '20112', '+62 811 6543 2100'),
    searches: ['kebaya', 'teh melati'],
  },
  {
    email: 'made.wirawan@pasar.test',
    name: 'Made Wirawan',
    password: PASSWORD,
    locale: 'id',
    orders: 1,
    address: address('Made Wirawan', 'Jl. Raya Ubud No. 9', 'Gianyar', 'Bali', '80571', '+62 819 3611 0099'),
    searches: ['speaker bluetooth'],
  },
  {
    email: 'sarah.wijaya@pasar.test',
    name: 'Sarah Wijaya',
    password: PASSWORD,
    locale: 'en',
    orders: 2,
    address: address('Sarah Wijaya', 'Jl. Kemang Raya No. 21', 'Jakarta Selatan', 'DKI Jakarta', '12730', '+62 821 1000 7788'),
    searches: ['coffee', 'novel'],
  },
  {
    email: 'kevin.tan@pasar.test',
    name: 'Kevin Tan',
    password: PASSWORD,
    locale: 'en',
    orders: 1,
    address: address('Kevin Tan', 'Jl. Tunjungan No. 65', 'Surabaya', 'Jawa Timur', '60275', '+62 822 3100 5566'),
    searches: ['smartwatch'],
  },
];
