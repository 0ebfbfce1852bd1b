// Integration specs run against SQLite + the inline queue by default, and against MariaDB + Redis
// when DATABASE_URL / REDIS_URL are set (CI runs them both ways).
process.env.LOG_LEVEL ??= 'silent';
process.env.NODE_ENV = 'test';
