-- Every monthly trial balance version of one firm (any date). Parameter: firm_id.
SELECT month, available_at, sales FROM monthly_trial_balances WHERE firm_id = ?
