-- Whether the database has the refresh tables (a database never refreshed has not).
SELECT count(*) FROM information_schema.tables WHERE table_name = 'grades'
