import type { Db } from '../database.ts';

/** User 1, the portal administrator, exists in every portal. */
export function seedUsersMinimal(db: Db): void {
  const exists = db.prepare('SELECT 1 FROM users WHERE id = 1').get();
  if (exists) return;
  db.prepare('INSERT INTO users (id, data) VALUES (1, ?)').run(
    JSON.stringify({
      ACTIVE: true,
      NAME: 'Anna',
      LAST_NAME: 'Holm',
      EMAIL: 'anna.holm@example.com',
      _ADMIN: true,
      UF_DEPARTMENT: [1],
      WORK_POSITION: 'Managing director',
    }),
  );
}
