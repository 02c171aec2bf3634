/**
 * The pane's storage in Excel: the task pane's localStorage, which belongs to the add-in's origin
 * on this computer and is never part of the workbook. Values are JSON; a value that cannot be read
 * back is treated as absent rather than breaking the pane.
 */
import type { PaneStorage } from '#core';

export function localStorageStore(storage: Storage = localStorage): PaneStorage {
  return {
    async get<T>(key: string): Promise<T | null> {
      const text = storage.getItem(key);
      if (text === null) return null;
      try {
        return JSON.parse(text) as T;
      } catch {
        return null;
      }
    },
    async set(key: string, value: unknown): Promise<void> {
      storage.setItem(key, JSON.stringify(value));
    },
    async remove(key: string): Promise<void> {
      storage.removeItem(key);
    },
  };
}
