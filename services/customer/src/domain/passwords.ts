import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost: N = 2^log2N (memory and time), r block size, p parallelism. */
export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

export interface PasswordHasher {
  /** A self-describing hash: `$scrypt$ln=17,r=8,p=1$<salt>$<key>` (base64, no padding). */
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** The same scrypt work as `verify`, against nothing: for unknown emails, so timing tells nothing. */
  verifyAgainstDecoy(password: string): Promise<boolean>;
}

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const STORED_FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export function createPasswordHasher(params: ScryptParams): PasswordHasher {
  const decoy = encode(params, randomBytes(SALT_BYTES), randomBytes(KEY_BYTES));
  return {
    hash: async (password) => {
      const salt = randomBytes(SALT_BYTES);
      return encode(params, salt, await deriveKey(password, salt, KEY_BYTES, params));
    },
    verify: (password, stored) => verifyPassword(password, stored),
    verifyAgainstDecoy: async (password) => {
      await verifyPassword(password, decoy);
      return false;
    },
  };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { params, salt, key } = decode(stored);
  const candidate = await deriveKey(password, salt, key.length, params);
  return timingSafeEqual(candidate, key);
}

function encode(params: ScryptParams, salt: Buffer, key: Buffer): string {
  return `$scrypt$ln=${params.log2N},r=${params.r},p=${params.p}$${base64(salt)}$${base64(key)}`;
}

function decode(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } {
  const match = STORED_FORMAT.exec(stored);
  if (!match) throw new Error('the stored password hash is not in the $scrypt$ format');
  const [, log2N, r, p, salt, key] = match as unknown as [string, string, string, string, string, string];
  return {
    params: { log2N: Number(log2N), r: Number(r), p: Number(p) },
    salt: Buffer.from(salt, 'base64'),
    key: Buffer.from(key, 'base64'),
  };
}

function deriveKey(password: string, salt: Buffer, length: number, { log2N, r, p }: ScryptParams): Promise<Buffer> {
  const N = 2 ** log2N;
  // Node refuses more than 32 MiB by default; scrypt needs about 128 * N * r bytes.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function base64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
