-- One firm's defaults (any date; the point-in-time rule is applied by SingleFirmFeatures).
-- Parameter: firm_id.
SELECT default_on FROM defaults WHERE firm_id = ?
