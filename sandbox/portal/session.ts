import type { IncomingMessage } from 'node:http';
import type { Db } from '../db/database.ts';
import { getUser, type PortalUser } from './data.ts';

export const LANGUAGES: { code: string; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
  { code: 'da', name: 'Dansk' },
  { code: 'fr', name: 'Français' },
  { code: 'es', name: 'Español' },
  { code: 'pl', name: 'Polski' },
  { code: 'ru', name: 'Русский' },
];

export function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // ignore a malformed cookie
    }
  }
  return out;
}

/** The user the portal page acts as: cookie `sandbox_user`, default (and fallback) the admin, user 1. */
export function currentUser(db: Db, req: IncomingMessage): PortalUser {
  const id = Number(cookies(req).sandbox_user ?? '1');
  const user = Number.isInteger(id) && id > 0 ? getUser(db, id) : null;
  if (user && user.active) return user;
  return (
    getUser(db, 1) ?? {
      id: 1,
      name: 'Admin',
      firstName: 'Admin',
      lastName: '',
      position: '',
      photo: '',
      email: '',
      isAdmin: true,
      active: true,
      departments: [],
    }
  );
}

export function currentLang(req: IncomingMessage): string {
  const lang = cookies(req).sandbox_lang ?? 'en';
  return LANGUAGES.some((l) => l.code === lang) ? lang : 'en';
}
