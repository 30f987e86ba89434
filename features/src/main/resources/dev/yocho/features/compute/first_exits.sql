-- Every firm's first default and first closure, of any date (the point-in-time rule is applied by
-- SingleFirmFeatures, which caches this small table instead of querying it per firm).
SELECT firm_id, min(default_on) AS first_default, NULL::DATE AS first_closure
FROM defaults GROUP BY firm_id
UNION ALL
SELECT firm_id, NULL::DATE, min(closed_on) FROM closures GROUP BY firm_id
