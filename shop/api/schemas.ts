import { z } from 'zod';

/**
 * Building blocks for handler inputs. Limits are generous for people and tight for abuse:
 * nothing unbounded reaches the database.
 */
export const id = z.uuid();

export const shortText = (max = 200) => z.string().trim().min(1).max(max);
export const optionalText = (max = 500) => z.string().trim().max(max).optional();

/**
 * Money in minor units (tetri, tiyn, kopecks, cents): an integer, never a float. The ceiling is
 * 100,000,000.00 in the shop's currency: room for so'm prices in the millions, none for a typo of ten zeros.
 */
export const MAX_MONEY = 10_000_000_000;
export const money = z.number().int().min(0).max(MAX_MONEY);

export const LANGUAGES = ['en', 'ru', 'ka', 'kk', 'uz'] as const;
export type Language = (typeof LANGUAGES)[number];
export const language = z.enum(LANGUAGES);

export const CURRENCIES = ['GEL', 'KZT', 'UZS', 'RUB', 'USD', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const currency = z.enum(CURRENCIES);
