/**
 * Sizes as people read them in messages, in the message's language: "10 Mo" / "10 MB", "12,5 Mo" /
 * "12.5 MB", "plus de 8 Mo" / "more than 8 MB". Units are powers of 1024, as the limits are set.
 */
import type { Lang } from '#core';

/** A size in bytes: exactly `bytes`, or only known to be above `moreThan` (a body cut off while counted). */
export type ByteSize = { bytes: number } | { moreThan: number };

const UNITS: Record<Lang, { byte: string; kilo: string; mega: string; moreThan: string }> = {
  fr: { byte: 'octets', kilo: 'ko', mega: 'Mo', moreThan: 'plus de' },
  en: { byte: 'bytes', kilo: 'KB', mega: 'MB', moreThan: 'more than' },
};

const NUMBER: Record<Lang, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

export function formatBytes(bytes: number, lang: Lang): string {
  const unit = UNITS[lang];
  const number = NUMBER[lang];
  if (bytes >= 1024 * 1024) return `${number.format(bytes / (1024 * 1024))} ${unit.mega}`;
  if (bytes >= 1024) return `${number.format(Math.round(bytes / 1024))} ${unit.kilo}`;
  return `${number.format(bytes)} ${unit.byte}`;
}

export function formatSize(size: ByteSize, lang: Lang): string {
  return 'bytes' in size
    ? formatBytes(size.bytes, lang)
    : `${UNITS[lang].moreThan} ${formatBytes(size.moreThan, lang)}`;
}
