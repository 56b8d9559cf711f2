export * from './admin-units-2025.ts';
export * from './id-provinces.ts';
