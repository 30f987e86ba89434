-- Whether a firm is in the firms table (firm_id).
SELECT count(*) FROM firms WHERE firm_id = ?
