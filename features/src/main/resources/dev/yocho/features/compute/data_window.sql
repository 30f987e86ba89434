-- The data range of the database: dataset_info keys window_from and window_to (ISO dates).
SELECT max(CASE WHEN key = 'window_from' THEN value END) AS window_from,
       max(CASE WHEN key = 'window_to' THEN value END) AS window_to
FROM dataset_info
