-- Every event of one firm (any date). Parameter: firm_id.
SELECT reported_on, event_type, polarity FROM events WHERE firm_id = ?
