/**
 * Another process holding the SQLite database's write lock, as a backup tool or the sqlite3 shell
 * would: opens the file with plain better-sqlite3 (not PAC's adapter), runs BEGIN IMMEDIATE,
 * prints `locked`, and holds the lock until a line arrives on stdin; then rolls back, prints
 * `released` and exits.
 *
 *   node --import tsx lock-holder.ts /path/to/pac.sqlite
 */
import Database from 'better-sqlite3';

const db = new Database(process.argv[2] ?? '');
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\n');
process.stdin.once('data', () => {
  db.exec('ROLLBACK');
  db.close();
  process.stdout.write('released\n');
  process.exit(0);
});
